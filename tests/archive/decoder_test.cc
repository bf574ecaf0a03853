#include "kiosque/archive/decoder.h"

#include "test_support.h"

using kiosque::Errc;
using kiosque::archive::decode_text;

TEST_CASE("UTF-8 passes through with or without a BOM", "[decoder]") {
  auto plain = decode_text("L’appel de la Cédéao");
  REQUIRE_OK(plain);
  CHECK(plain->utf8 == "L’appel de la Cédéao");
  CHECK(plain->encoding == "UTF-8");

  auto bom = decode_text("\xEF\xBB\xBFL’appel");
  REQUIRE_OK(bom);
  CHECK(bom->utf8 == "L’appel");
  CHECK(bom->encoding == "UTF-8 (BOM)");
}

TEST_CASE("Windows-1252 French text is recognised and converted", "[decoder]") {
  // "L’été à Bamako – « cœur »" in windows-1252: ’ = 0x92, – = 0x96, œ = 0x9C.
  auto d = decode_text(
      "L\x92\xE9t\xE9 \xE0 Bamako \x96 \xAB c\x9Cur \xBB, la C\xE9"
      "d\xE9"
      "ao r\xE9unie");
  REQUIRE_OK(d);
  CHECK(d->encoding == "windows-1252");
  CHECK(d->utf8 == "L’été à Bamako – « cœur », la Cédéao réunie");
}

TEST_CASE("ISO-8859-15 is told from Windows-1252 by its œ and €", "[decoder]") {
  auto d = decode_text("Le c\xBDur de l'\xE9t\xE9 co\xFBte 5 \xA4 \xE0 Niamey, d\xE9j\xE0 pay\xE9");
  REQUIRE_OK(d);
  CHECK(d->encoding == "ISO-8859-15");
  CHECK(d->utf8 == "Le cœur de l'été coûte 5 € à Niamey, déjà payé");

  auto latin1 = decode_text("Le pr\xE9sident malien a \xE9t\xE9 re\xE7u \xE0 Moscou");
  REQUIRE_OK(latin1);
  CHECK(latin1->encoding == "ISO-8859-1");
  CHECK(latin1->utf8 == "Le président malien a été reçu à Moscou");
}

TEST_CASE("UTF-16 with a byte-order mark is converted", "[decoder]") {
  const std::string le(
      "\xFF\xFE"
      "C\0"
      "\xE9\0"
      "d\0"
      "\xE9\0"
      "a\0"
      "o\0",
      14);
  auto d = decode_text(le);
  REQUIRE_OK(d);
  CHECK(d->utf8 == "Cédéao");
}

TEST_CASE("bad input is refused with a reason", "[decoder]") {
  struct Case {
    std::string bytes;
    std::string reason;
  };
  const std::vector<Case> cases{
      {"", "empty"},
      {"\xEF\xBB\xBF", "empty"},
      {"  \n\r\n\t ", "empty"},
      {std::string("PK\x03\x04\0\0\x08\0", 8), "binary"},
      {std::string("\x7F"
                   "ELF\x02\x01\x01\0\0\0",
                   10),
       "binary"},
      {"caf\xC3\xA9 et caf\xE9", "invalid UTF-8 at byte 12"},
      {"\x01\x02\x03\x04 text \x05\x06\x07\x08\x0E\x0F", "binary"},
  };
  for (const auto& c : cases) {
    auto d = decode_text(c.bytes);
    INFO(c.bytes);
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().code == Errc::refused);
    CHECK_THAT(d.error().message, Catch::Contains(c.reason));
  }
}
