// The command line's advice for an error, keyed on its code and the part it is about: the
// libraries never name a subcommand (cli/hints.h).
#include "cli/hints.h"

#include "test_support.h"

using kiosque::Errc;
using kiosque::Error;
using kiosque::Part;
using kiosque::tools::hint_for;

TEST_CASE("a damaged or foreign index is advised a reindex, a damaged archive a verify",
          "[tools][hints]") {
  CHECK_THAT(hint_for(Error(Part::index, Errc::corruption, "x")),
             Catch::Contains("kiosque reindex"));
  CHECK_THAT(hint_for(Error(Part::index, Errc::version_mismatch, "x")),
             Catch::Contains("kiosque reindex"));
  CHECK_THAT(hint_for(Error(Part::archive, Errc::corruption, "x")),
             Catch::Contains("kiosque verify"));
  CHECK_THAT(hint_for(Error(Part::archive, Errc::not_found, "x")), Catch::Contains("kiosque add"));
  CHECK_THAT(hint_for(Error(Part::archive, Errc::busy, "x")), Catch::Contains("inbox"));
}

TEST_CASE("an error's own hint wins, and an error about no part gets none", "[tools][hints]") {
  CHECK(hint_for(Error(Errc::corruption, "x", "do this")) == "do this");
  CHECK(hint_for(Error(Errc::corruption, "x")).empty());
  CHECK(hint_for(Error(Part::index, Errc::refused, "x")).empty());
}
