#include "boilerplate.h"

#include <set>

#include "test_support.h"

using namespace kiosque::archive::detail;

namespace {
std::string rule_of(std::string_view line) {
  const auto v = classify_line(line);
  return v.rule == nullptr ? "keep" : v.rule;
}
}  // namespace

TEST_CASE("every boilerplate rule removes what it is for", "[boilerplate]") {
  // One example line per rule family, as found on French news sites.
  const std::vector<std::pair<std::string, std::string>> examples{
      {"Laisser un commentaire", "comment-form"},
      {"Comments", "comment-form"},
      {"Répondre", "comment-form"},
      {"Annuler la réponse", "comment-form"},
      {"Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
       "comment-form"},
      {"Autres articles", "related-footer"},
      {"Sur le même sujet", "related-footer"},
      {"Lire aussi : Mali, la junte prolonge la transition", "read-also"},
      {"À lire aussi - Niger : le point sur la crise", "read-also"},
      {"Lire la suite sur Le Figaro", "read-also"},
      {"Auteur/Autrice", "empty-author"},
      {"Auteur", "empty-author"},
      {"Partager", "share-prompt"},
      {"Partager sur Facebook", "share-prompt"},
      {"Partagez cet article", "share-prompt"},
      {"Crédit photo : © Perguillaume", "picture-credit"},
      {"La Russie renforce ses liens avec le Mali. © Ministère des affaires étrangères du Niger",
       "picture-credit"},
      {"Photo : AFP", "picture-credit"},
      {"Parredaction Catégorie Politique le 1 septembre 2020 Étiquettes : , , , ,", "empty-labels"},
  };
  std::set<std::string> covered;
  for (const auto& [line, rule] : examples) {
    INFO(line);
    CHECK(rule_of(line) == rule);
    covered.insert(rule);
  }
  for (const auto& rule : boilerplate_rules()) {
    INFO("rule without an example: " << rule.name);
    CHECK(covered.contains(rule.name));
  }
}

TEST_CASE("article text is never taken for boilerplate", "[boilerplate]") {
  for (const char* line : {
           "Le Mali a répondu à l'appel de la Cédéao.",
           "Il faut lire aussi entre les lignes, estime le chercheur.",
           "Avec AFP",
           "Les commentaires du ministre ont surpris.",
           "Partager le pouvoir n'est pas à l'ordre du jour, selon la junte.",
           "Les étiquettes du parti ont changé",
       }) {
    INFO(line);
    CHECK(rule_of(line) == "keep");
  }
  CHECK(rule_of(std::string(kMaxBoilerplateLine + 1, 'a') + " ©") == "keep");
}

TEST_CASE("an empty tag list is cut from the byline the byline kept", "[boilerplate]") {
  const std::string line =
      "Parredaction Catégorie Politique le 1 septembre 2020 Étiquettes : , , , ,";
  const auto v = classify_line(line);
  REQUIRE(v.action == BoilerplateAction::strip_labels);
  CHECK(line.substr(0, v.keep_bytes) == "Parredaction Catégorie Politique le 1 septembre 2020");
  CHECK(classify_line("Étiquettes : Mali, Russie").action == BoilerplateAction::keep);
}
