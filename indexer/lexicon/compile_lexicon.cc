// Compiles Debian's French Hunspell dictionary (hunspell-fr: fr.dic and fr.aff) into the
// form -> lemma table the analyser embeds (src/lexicon_format.h).
//
// Hunspell checks and analyses words but cannot list a dictionary's forms, and Hunspell's own
// `unmunch` does not read this dictionary's two-character flags; so the suffix rules are applied
// here. fr.aff uses only what this reads: suffixes with one level of affixes (no suffix carries a
// continuation suffix), prefixes for elisions and units, NEEDAFFIX for stems that are no word, and
// `st:` in an entry that names its own lemma (`aux`: `au`). Prefixes that add letters are not
// applied: the analyser strips elisions, and a unit's multiple (`kilomètre`, `km`) is a word of its
// own to a reader, not a form of `mètre` or `m`; a prefix that adds nothing applies the suffixes it
// carries (`gramme` -> `grammes`). The lexicon test checks this table against libhunspell itself.
//
// Usage: kiosque-compile-lexicon fr.aff fr.dic out.bin
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "kiosque/base/text_fold.h"
#include "kiosque/indexer/analyser.h"
#include "lexicon_format.h"

namespace {

constexpr std::size_t kMaxTermBytes = kiosque::indexer::FrenchAnalyser::kMaxTermBytes;

std::vector<UChar32> code_points(const std::string& s) {
  std::vector<UChar32> out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c);
  }
  return out;
}

// Whether a morphological description (`po:nom is:fem`) reads as a noun or an adjective.
bool nominal(const std::string& morph) {
  return morph.find("po:nom") != std::string::npos || morph.find("po:adj") != std::string::npos;
}

// One position of a rule's condition: any character, or a set (possibly negated).
struct CondChar {
  bool any = false, negated = false;
  std::vector<UChar32> set;
  bool matches(UChar32 c) const {
    if (any) return true;
    return (std::find(set.begin(), set.end(), c) != set.end()) != negated;
  }
};

std::vector<CondChar> parse_condition(const std::string& text) {
  std::vector<CondChar> out;
  const auto cps = code_points(text);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    CondChar c;
    if (cps[i] == '.') {
      c.any = true;
    } else if (cps[i] == '[') {
      ++i;
      if (i < cps.size() && cps[i] == '^') {
        c.negated = true;
        ++i;
      }
      for (; i < cps.size() && cps[i] != ']'; ++i) c.set.push_back(cps[i]);
    } else {
      c.set.push_back(cps[i]);
    }
    out.push_back(std::move(c));
  }
  return out;
}

struct Suffix {
  std::string strip, add;
  std::vector<CondChar> condition;
  bool nominal = false;     // the form is a noun or adjective reading (po:nom, po:adj)
  bool participle = false;  // the form is a past participle (po:ppas)
};

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

bool condition_holds(const std::vector<CondChar>& cond, const std::vector<UChar32>& word) {
  if (cond.size() > word.size()) return false;
  const std::size_t base = word.size() - cond.size();
  for (std::size_t i = 0; i < cond.size(); ++i) {
    if (!cond[i].matches(word[base + i])) return false;
  }
  return true;
}

// The flags of a rule's continuation classes ("0/S.()" -> "S.()"), two characters each.
std::string continuation(const std::string& add) {
  const auto slash = add.find('/');
  return slash == std::string::npos ? "" : add.substr(slash + 1);
}

bool has_flag(const std::string& flags, const std::string& flag) {
  for (std::size_t i = 0; i + 1 < flags.size(); i += 2) {
    if (flags.compare(i, 2, flag) == 0) return true;
  }
  return false;
}

struct Affixes {
  std::map<std::string, std::vector<Suffix>> suffixes;
  // Prefix flag -> the continuation flags of each of its rules that adds nothing.
  std::map<std::string, std::vector<std::string>> empty_prefixes;
  std::string needaffix;
};

Affixes read_affixes(std::istream& aff) {
  Affixes affixes;
  auto& rules = affixes.suffixes;
  std::string line;
  while (std::getline(aff, line)) {
    std::istringstream in(line);
    std::string kind, flag, strip, add, cond;
    in >> kind;
    if (kind == "NEEDAFFIX") in >> affixes.needaffix;
    if (kind != "SFX" && kind != "PFX") continue;
    in >> flag >> strip >> add;
    if (strip == "Y" || strip == "N") continue;  // the header of a flag's rules
    if (kind == "PFX") {
      if (strip == "0" && add.substr(0, add.find('/')) == "0")
        affixes.empty_prefixes[flag].push_back(continuation(add));
      continue;
    }
    in >> cond;
    std::string morph((std::istreambuf_iterator<char>(in)), {});
    Suffix s;
    s.strip = strip == "0" ? "" : strip;
    s.add = add.substr(0, add.find('/'));
    if (s.add == "0") s.add.clear();
    s.condition = parse_condition(cond);
    s.nominal = nominal(morph);
    s.participle = morph.find("po:ppas") != std::string::npos;
    rules[flag].push_back(std::move(s));
  }
  return affixes;
}

// What a reading of a form is, as far as choosing among a form's readings needs.
struct Kind {
  bool nominal = false;     // a noun or adjective
  bool participle = false;  // a verb's past participle
  bool proper = false;      // from an entry written with capitals: a name, an acronym

  Kind merged(Kind other) const {
    return {nominal || other.nominal, participle || other.participle, proper && other.proper};
  }
};

struct Reading {
  std::string lemma;
  Kind kind;
};

// Form (lower case, accents kept) -> its readings, in the order met.
using Readings = std::unordered_map<std::string, std::vector<Reading>>;

void add_reading(Readings& readings, const std::string& form, const std::string& lemma, Kind kind) {
  if (form.empty() || lemma.empty() || form.size() > kMaxTermBytes || lemma.size() > kMaxTermBytes)
    return;
  auto& list = readings[form];
  for (auto& r : list) {
    if (r.lemma == lemma) {
      r.kind = r.kind.merged(kind);
      return;
    }
  }
  list.push_back({lemma, kind});
}

// A dictionary word the analyser can meet as one word: no space, hyphen or dot inside.
bool analysable(const std::string& word) {
  return !word.empty() && word.find_first_of(" -.\t") == std::string::npos;
}

void apply_suffixes(const Affixes& affixes, const std::string& flags, const std::string& word,
                    const std::string& lemma, Kind kind, Readings& readings) {
  const auto cps = code_points(word);
  for (std::size_t i = 0; i + 1 < flags.size(); i += 2) {
    const auto found = affixes.suffixes.find(flags.substr(i, 2));
    if (found == affixes.suffixes.end()) continue;
    for (const Suffix& s : found->second) {
      if (!ends_with(word, s.strip) || !condition_holds(s.condition, cps)) continue;
      const std::string form = word.substr(0, word.size() - s.strip.size()) + s.add;
      add_reading(readings, kiosque::base::lower_text(form), lemma,
                  {kind.nominal || s.nominal, s.participle, kind.proper});
    }
  }
}

void read_dictionary(std::istream& dic, const Affixes& affixes, Readings& readings) {
  std::string line;
  std::getline(dic, line);  // the entry count
  while (std::getline(dic, line)) {
    const auto end = line.find_first_of(" \t");
    const std::string head = line.substr(0, end);
    const std::string morph = end == std::string::npos ? "" : line.substr(end);
    const auto slash = head.find('/');
    const std::string word = head.substr(0, slash);
    const std::string flags = slash == std::string::npos ? "" : head.substr(slash + 1);
    if (!analysable(word)) continue;
    std::string lemma = word;
    if (const auto st = morph.find(" st:"); st != std::string::npos) {
      lemma = morph.substr(st + 4, morph.find_first_of(" \t", st + 4) - st - 4);
    }
    lemma = kiosque::base::fold_text(lemma);
    const Kind kind{nominal(morph), morph.find("po:ppas") != std::string::npos,
                    kiosque::base::lower_text(word) != word};
    bool bare = !has_flag(flags, affixes.needaffix);
    apply_suffixes(affixes, flags, word, lemma, kind, readings);
    for (std::size_t i = 0; i + 1 < flags.size(); i += 2) {
      const auto found = affixes.empty_prefixes.find(flags.substr(i, 2));
      if (found == affixes.empty_prefixes.end()) continue;
      for (const std::string& more : found->second) {
        bare = bare || !has_flag(more, affixes.needaffix);
        apply_suffixes(affixes, more, word, lemma, kind, readings);
      }
    }
    if (bare) add_reading(readings, kiosque::base::lower_text(word), lemma, kind);
  }
}

// A form that is a common word of its own keeps, beside itself, only the verbs it is the past
// participle of: `été` is the season and `être`'s participle, `mort` is death and `mourir`'s
// participle, but `président` is not indexed as `présider` (ils président), nor `plus` as `plaire`
// (je plus), `dans` as `dan` or `la` as `le`. Such rare readings would make a query for the verb
// find every article that uses the common word, and add a fifth to the index's positions.
void drop_rare_readings(Readings& readings) {
  for (auto& [form, list] : readings) {
    const std::string folded = kiosque::base::fold_text(form);
    const bool common_word = std::any_of(list.begin(), list.end(), [&](const Reading& r) {
      return r.lemma == folded && !r.kind.proper;
    });
    if (!common_word) continue;
    std::erase_if(list, [&](const Reading& r) { return r.lemma != folded && !r.kind.participle; });
  }
}

// A word written without its accents (`elus`, `Etat` in capitals) is looked up by its folded
// form, which stands for every form that folds to it, unless it is a word as written: `du` is the
// article, never `dû`.
void add_folded_forms(Readings& readings) {
  Readings folded;
  for (const auto& [form, list] : readings) {
    const std::string key = kiosque::base::fold_text(form);
    if (key == form) continue;
    for (const Reading& r : list) add_reading(folded, key, r.lemma, r.kind);
  }
  for (auto& [key, list] : folded) readings.try_emplace(key, std::move(list));
}

// The lemma a query word stands for comes first: the word itself when it is a lemma (`été` is the
// season, though it is also a form of `être`), else a noun or adjective reading before a verb's
// (`élus`: the elected, before `élire`), else the shorter.
void order_readings(const std::string& folded_form, std::vector<Reading>& list) {
  std::stable_sort(list.begin(), list.end(), [&](const Reading& a, const Reading& b) {
    const bool a_self = a.lemma == folded_form, b_self = b.lemma == folded_form;
    if (a_self != b_self) return a_self;
    if (a.kind.nominal != b.kind.nominal) return a.kind.nominal;
    if (a.lemma.size() != b.lemma.size()) return a.lemma.size() < b.lemma.size();
    return a.lemma < b.lemma;
  });
}

void put(std::ostream& out, std::uint32_t v) {
  const char bytes[4] = {static_cast<char>(v), static_cast<char>(v >> 8),
                         static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
  out.write(bytes, 4);
}

void write_table(std::ostream& out, Readings& readings) {
  std::vector<std::string> forms;
  forms.reserve(readings.size());
  for (const auto& [form, list] : readings) forms.push_back(form);
  std::sort(forms.begin(), forms.end());

  std::string strings;
  std::unordered_map<std::string, std::uint32_t> offsets;
  const auto intern = [&](const std::string& s) {
    const auto [it, added] = offsets.emplace(s, static_cast<std::uint32_t>(strings.size()));
    if (added) {
      strings += s;
      strings += '\0';
    }
    return it->second;
  };
  std::vector<std::uint32_t> form_words, lemma_refs;
  for (const std::string& form : forms) {
    auto& list = readings[form];
    order_readings(kiosque::base::fold_text(form), list);
    form_words.push_back(intern(form));
    form_words.push_back(static_cast<std::uint32_t>(lemma_refs.size()));
    for (const Reading& r : list) lemma_refs.push_back(intern(r.lemma));
  }
  form_words.push_back(0);
  form_words.push_back(static_cast<std::uint32_t>(lemma_refs.size()));

  using namespace kiosque::indexer::lexicon_format;
  std::vector<std::uint32_t> sparse_offsets;
  std::string sparse;
  for (std::size_t i = 0; i < forms.size(); i += kBlockForms) {
    sparse_offsets.push_back(static_cast<std::uint32_t>(sparse.size()));
    sparse += forms[i];
    sparse += '\0';
  }
  put(out, kMagic);
  put(out, static_cast<std::uint32_t>(forms.size()));
  put(out, static_cast<std::uint32_t>(lemma_refs.size()));
  put(out, static_cast<std::uint32_t>(strings.size()));
  put(out, static_cast<std::uint32_t>(sparse_offsets.size()));
  put(out, static_cast<std::uint32_t>(sparse.size()));
  for (const auto w : form_words) put(out, w);
  for (const auto w : lemma_refs) put(out, w);
  for (const auto w : sparse_offsets) put(out, w);
  out.write(strings.data(), static_cast<std::streamsize>(strings.size()));
  out.write(sparse.data(), static_cast<std::streamsize>(sparse.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: kiosque-compile-lexicon fr.aff fr.dic out.bin\n");
    return 2;
  }
  std::ifstream aff(argv[1]), dic(argv[2]);
  if (!aff || !dic) {
    std::fprintf(stderr, "kiosque-compile-lexicon: cannot read %s or %s\n", argv[1], argv[2]);
    return 1;
  }
  const Affixes affixes = read_affixes(aff);
  Readings readings;
  read_dictionary(dic, affixes, readings);
  drop_rare_readings(readings);
  add_folded_forms(readings);
  const std::string tmp = std::string(argv[3]) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    write_table(out, readings);
    if (!out) {
      std::fprintf(stderr, "kiosque-compile-lexicon: cannot write %s\n", tmp.c_str());
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), argv[3]) != 0) {
    std::fprintf(stderr, "kiosque-compile-lexicon: cannot write %s\n", argv[3]);
    return 1;
  }
  return 0;
}
