// How well web pages are read, against a truth file: the body's token F1, exact titles and
// dates, pages per second. The one place the metric lives (the html workload and its test use it).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosque/archive/article.h"

namespace kiosque::bench {

// The whole file; throws when it cannot be read.
std::string read_bytes(const std::filesystem::path& path);

// An article's normalised text without its title line: the body extractors are scored on.
std::string article_body(const archive::NormalisedText& content);

// Token F1 of `got` against `want`: tokens split on white space, counted as multisets.
double token_f1(std::string_view got, std::string_view want);

struct HtmlQuality {
  std::size_t pages = 0, refused = 0, exact_titles = 0, exact_dates = 0;
  std::size_t same_id_as_text = 0;  // pages whose article id is their text twin's
  double mean_f1 = 0;
  double pages_per_second = 0;     // prepare_bytes alone, in-process, one thread
  std::vector<std::string> worst;  // "FILE F1" for pages under 0.9
};

// Reads every page named by `folder`/truth.jsonl (fields file, title, date, text,
// fr_news_file) through the intake's own prepare_bytes. `texts` holds the fr_news_file twins
// (those missing are not compared).
HtmlQuality measure_html(const std::filesystem::path& folder, const std::filesystem::path& texts);

}  // namespace kiosque::bench
