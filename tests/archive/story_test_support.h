// What the story tests share: taking a text in, reading an article's place, a seed's text.
#pragma once

#include <cstdint>
#include <string>

#include "kiosque/archive/ingest.h"
#include "kiosque/archive/normaliser.h"
#include "kiosque/archive/store.h"
#include "test_support.h"

namespace kiosque::test {

inline archive::PutOutcome put_text(archive::Store& store, std::string bytes,
                                    std::int64_t at_ms = 1700000000000) {
  auto prepared = archive::prepare_bytes(std::move(bytes), {});
  REQUIRE_OK(prepared);
  auto outcome = store.put(*prepared, archive::Provenance{"file.txt", at_ms});
  REQUIRE_OK(outcome);
  return *outcome;
}

inline archive::StoryPlace place_of(const archive::Store& store, const archive::ArticleId& id) {
  auto article = store.get(id);
  REQUIRE_OK(article);
  REQUIRE(article->story);
  return *article->story;
}

// The seed's normalised text.
inline std::string body_of(const std::string& prefix) {
  auto text = archive::normalise(read_file(seed_path(prefix)));
  REQUIRE_OK(text);
  return text->text;
}

}  // namespace kiosque::test
