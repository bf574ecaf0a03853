#include "query_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "kiosque/base/text_fold.h"
#include "schema.h"

namespace kiosque::indexer::detail {

namespace {

constexpr std::array<std::string_view, 6> kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

bool is_syntax(char c) {
  return c == '"' || c == '(' || c == ')' || c == ' ' || c == '\t' || c == '\n';
}

bool is_operator(std::string_view word) {
  const std::string_view head = word.substr(0, word.find('/'));  // NEAR/3
  for (const auto op : kOperators) {
    if (head == op) return true;
  }
  return false;
}

std::string analysed_words(std::string_view chunk, FrenchAnalyser& analyser, bool wildcard) {
  std::vector<Token> tokens;
  analyser.analyse(chunk, tokens);
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].position == 0) continue;  // a compound's joined form
    if (!out.empty()) out += '-';
    const bool last =
        i + 1 == tokens.size() || (i + 2 == tokens.size() && tokens[i + 1].position == 0);
    out += wildcard && last ? tokens[i].term + "*" : tokens[i].word;
  }
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1 000 000" typed in a query is one number, as the analyser reads it in the text: joins the
// groups of three digits that follow a number of one to three digits.
std::size_t digit_groups_end(std::string_view query, std::size_t word_end) {
  std::size_t end = word_end;
  while (end + 4 <= query.size() && query[end] == ' ' && all_digits(query.substr(end + 1, 3)) &&
         (end + 4 == query.size() || is_syntax(query[end + 4]))) {
    end += 4;
  }
  return end;
}

}  // namespace

std::string prepare_query(std::string_view query, FrenchAnalyser& analyser) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (is_syntax(c)) {
      out += c;
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < query.size() && !is_syntax(query[end])) ++end;
    std::string_view word = query.substr(i, end - i);
    std::string joined;
    if (all_digits(word) && word.size() <= 3) {
      const std::size_t groups_end = digit_groups_end(query, end);
      if (groups_end != end) {
        for (const char digit : query.substr(i, groups_end - i)) {
          if (digit != ' ') joined += digit;
        }
        word = joined;
        end = groups_end;
      }
    }
    i = end;
    if (is_operator(word)) {
      out += word;
      continue;
    }
    while (!word.empty() && (word.front() == '+' || word.front() == '-')) {
      out += word.front();
      word.remove_prefix(1);
    }
    const std::size_t colon = word.find(':');
    bool in_field = false;
    if (colon != std::string_view::npos) {
      const std::string_view field = word.substr(0, colon);
      const auto known = std::find_if(schema::kQueryFields.begin(), schema::kQueryFields.end(),
                                      [&](const schema::QueryField& f) { return f.name == field; });
      const bool boolean = known != schema::kQueryFields.end() && known->boolean;
      if (known != schema::kQueryFields.end()) {
        in_field = true;
        out += field;
        out += ':';
        word.remove_prefix(colon + 1);
        if (boolean) {
          out += base::fold_text(word);
          continue;
        }
      }
    }
    const bool wildcard = word.ends_with('*');
    if (wildcard) word.remove_suffix(1);
    std::string analysed = analysed_words(word, analyser, wildcard);
    if (wildcard && !in_field && analysed.ends_with('*')) {
      // Text words are matched on their stems (wildcard_query.h).
      analysed.pop_back();
      out += schema::kWildcardField;
      out += ':';
    }
    out += analysed;
  }
  return out;
}

Result<std::vector<std::string>> check_query(std::string_view query) {
  std::vector<std::string> notes;
  bool quoted = false;
  std::size_t i = 0;
  while (i < query.size()) {
    if (query[i] == '"') quoted = !quoted;
    if (query[i] == '"' || query[i] == '(' || query[i] == ')' ||
        std::isspace(static_cast<unsigned char>(query[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < query.size() && query[end] != '"' && query[end] != '(' && query[end] != ')' &&
           !std::isspace(static_cast<unsigned char>(query[end]))) {
      ++end;
    }
    std::string_view word = query.substr(i, end - i);
    i = end;
    if (quoted) continue;
    while (!word.empty() && (word.front() == '+' || word.front() == '-')) word.remove_prefix(1);
    if (word == "*") {
      return fail(Errc::invalid_argument, "a lone * stands for no word",
                  "put a few letters before it (télé*), or list articles with kiosque list");
    }
    if (!is_operator(word)) {
      std::string upper(word);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (is_operator(upper)) {
        notes.push_back(
            fmt::format("'{}' is searched as a word; for the operator, write {}", word, upper));
      }
    }
    const std::size_t colon = word.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    const std::string_view field = word.substr(0, colon);
    const bool named_like_field = std::all_of(field.begin(), field.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) != 0;
    });
    if (!named_like_field || word.substr(colon + 1).starts_with("//")) continue;
    const bool known = std::any_of(schema::kQueryFields.begin(), schema::kQueryFields.end(),
                                   [&](const schema::QueryField& f) { return f.name == field; });
    if (!known) {
      std::vector<std::string> names;
      for (const schema::QueryField& f : schema::kQueryFields)
        names.push_back(std::string(f.name) + ":");
      // Dates are bounds of the search, not words of the query.
      const bool date_like = field == "date" || field == "year" || field == "annee" ||
                             field == "month" || field == "mois" || field == "jour";
      return fail(
          Errc::invalid_argument,
          fmt::format("'{}:' is not a field; the fields are {}", field, fmt::join(names, " ")),
          date_like ? "dates are bounds: --since 2020 --until 2020 (YYYY, YYYY-MM or YYYY-MM-DD)"
                    : "to search for the words themselves, put them in quotes");
    }
  }
  return notes;
}

}  // namespace kiosque::indexer::detail
