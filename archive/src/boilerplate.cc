#include "boilerplate.h"

#include <array>

#include "kiosque/base/text_fold.h"

namespace kiosque::archive::detail {

namespace {

using A = BoilerplateAction;
using M = BoilerplateRule::Match;

constexpr std::array kRules{
    // Comment forms under the article.
    BoilerplateRule{"comment-form", A::drop_line, M::exact, "comments"},
    BoilerplateRule{"comment-form", A::drop_line, M::exact, "commentaires"},
    BoilerplateRule{"comment-form", A::drop_line, M::exact, "laisser un commentaire"},
    BoilerplateRule{"comment-form", A::drop_line, M::exact, "laisser une reponse"},
    BoilerplateRule{"comment-form", A::drop_line, M::exact, "ajouter un commentaire"},
    BoilerplateRule{"comment-form", A::drop_line, M::exact, "annuler la reponse"},
    BoilerplateRule{"comment-form", A::drop_line, M::exact, "repondre"},
    BoilerplateRule{"comment-form", A::drop_line, M::prefix,
                    "votre adresse e-mail ne sera pas publiee"},
    BoilerplateRule{"comment-form", A::drop_line, M::prefix,
                    "votre adresse email ne sera pas publiee"},
    BoilerplateRule{"comment-form", A::drop_line, M::prefix,
                    "votre adresse de messagerie ne sera pas publiee"},
    BoilerplateRule{"comment-form", A::drop_line, M::prefix,
                    "les champs obligatoires sont indiques"},
    // Related-articles footers: the rest of the page is other articles' headlines.
    BoilerplateRule{"related-footer", A::drop_rest, M::exact, "autres articles"},
    BoilerplateRule{"related-footer", A::drop_rest, M::exact, "articles similaires"},
    BoilerplateRule{"related-footer", A::drop_rest, M::exact, "sur le meme sujet"},
    BoilerplateRule{"related-footer", A::drop_rest, M::exact, "dans la meme rubrique"},
    // Links to other articles inside the text.
    BoilerplateRule{"read-also", A::drop_line, M::prefix, "lire aussi"},
    BoilerplateRule{"read-also", A::drop_line, M::prefix, "a lire aussi"},
    BoilerplateRule{"read-also", A::drop_line, M::prefix, "lire egalement"},
    BoilerplateRule{"read-also", A::drop_line, M::prefix, "a lire egalement"},
    BoilerplateRule{"read-also", A::drop_line, M::prefix, "voir aussi"},
    BoilerplateRule{"read-also", A::drop_line, M::prefix, "lire la suite sur "},
    // Author labels left without a name.
    BoilerplateRule{"empty-author", A::drop_line, M::exact, "auteur/autrice"},
    BoilerplateRule{"empty-author", A::drop_line, M::exact, "auteur"},
    BoilerplateRule{"empty-author", A::drop_line, M::exact, "autrice"},
    BoilerplateRule{"empty-author", A::drop_line, M::exact, "auteur :"},
    BoilerplateRule{"empty-author", A::drop_line, M::exact, "par"},
    // Share prompts.
    BoilerplateRule{"share-prompt", A::drop_line, M::exact, "partager"},
    BoilerplateRule{"share-prompt", A::drop_line, M::exact, "partagez"},
    BoilerplateRule{"share-prompt", A::drop_line, M::exact, "partager cet article"},
    BoilerplateRule{"share-prompt", A::drop_line, M::exact, "partagez cet article"},
    BoilerplateRule{"share-prompt", A::drop_line, M::prefix, "partager sur "},
    BoilerplateRule{"share-prompt", A::drop_line, M::prefix, "partagez sur "},
    BoilerplateRule{"share-prompt", A::drop_line, M::exact, "tweeter"},
    BoilerplateRule{"share-prompt", A::drop_line, M::exact, "imprimer"},
    BoilerplateRule{"share-prompt", A::drop_line, M::exact, "envoyer par e-mail"},
    // Picture credits and captions carrying one.
    BoilerplateRule{"picture-credit", A::drop_line, M::prefix, "credit photo"},
    BoilerplateRule{"picture-credit", A::drop_line, M::prefix, "credits photo"},
    BoilerplateRule{"picture-credit", A::drop_line, M::prefix, "photo :"},
    BoilerplateRule{"picture-credit", A::drop_line, M::contains, "\xC2\xA9"},  // ©
    // Empty tag lists in a byline.
    BoilerplateRule{"empty-labels", A::strip_labels, M::contains, "etiquettes"},
    BoilerplateRule{"empty-labels", A::strip_labels, M::contains, "tags"},
};

bool matches(const BoilerplateRule& rule, std::string_view folded) {
  switch (rule.match) {
    case M::exact:
      return folded == rule.pattern;
    case M::prefix:
      return folded.starts_with(rule.pattern);
    case M::contains:
      return folded.find(rule.pattern) != std::string_view::npos;
  }
  return false;
}

// For "… Étiquettes : , , , ,": where the label starts in `line`, if nothing but separators
// follows it. Folding keeps the byte length of ASCII, so the label is found in the original line
// by its last occurrence of the unaccented tail ("tiquettes" / "tags").
std::size_t empty_label_start(std::string_view line, std::string_view folded,
                              std::string_view label) {
  const std::size_t at = folded.rfind(label);
  if (at == std::string_view::npos) return std::string_view::npos;
  const std::string_view tail = folded.substr(at + label.size());
  if (tail.find_first_not_of(" :,;") != std::string_view::npos) return std::string_view::npos;
  const std::string_view anchor = label == "etiquettes" ? "tiquettes" : "ags";
  const std::size_t in_line = line.rfind(anchor);
  if (in_line == std::string_view::npos) return std::string_view::npos;
  const std::size_t word = line.rfind(' ', in_line);
  return word == std::string_view::npos ? 0 : word;
}

}  // namespace

std::span<const BoilerplateRule> boilerplate_rules() { return kRules; }

BoilerplateVerdict classify_line(std::string_view line) {
  if (line.empty() || line.size() > kMaxBoilerplateLine) return {};
  return classify_line(line, base::fold_text(line));
}

BoilerplateVerdict classify_line(std::string_view line, std::string_view folded) {
  if (line.empty() || line.size() > kMaxBoilerplateLine) return {};
  for (const BoilerplateRule& rule : kRules) {
    if (!matches(rule, folded)) continue;
    if (rule.action != A::strip_labels) return {rule.action, rule.name, 0};
    const std::size_t start = empty_label_start(line, folded, rule.pattern);
    if (start == std::string_view::npos) continue;
    return {A::strip_labels, rule.name, start};
  }
  return {};
}

}  // namespace kiosque::archive::detail
