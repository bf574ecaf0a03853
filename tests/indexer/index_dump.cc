#include "index_dump.h"

#include <xapian.h>

#include "test_support.h"

namespace kiosque::test {

std::map<std::string, std::string> dump_index(const std::filesystem::path& dir) {
  Xapian::Database db(dir.string());
  std::map<std::string, std::string> docs;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string id, all;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if ((*t).starts_with("Q")) id = *t;
      all += *t + ":" + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
        all += "," + std::to_string(*p);
      all += ' ';
    }
    all += "|" + doc.get_value(0) + "|" + doc.get_data();
    REQUIRE(docs.emplace(id, all).second);  // one document per article
  }
  return docs;
}

}  // namespace kiosque::test
