// The draft checker. A draft is cut once into words (with byte offsets and sentence numbers);
// every phrase of check.toml is compiled once into word patterns indexed by their first word,
// so one pass over the words finds every phrase of every rule.
#include "check/check.h"

#include <nuspell/dictionary.hxx>
#include <nuspell/finder.hxx>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"

namespace kindly::check {

Summary summarize(const std::vector<Diagnostic>& diagnostics) {
  Summary s;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::error) ++s.errors;
    if (d.severity == Severity::warning) ++s.warnings;
    if (d.severity == Severity::info) ++s.infos;
  }
  return s;
}

// ------------------------------------------------------------------------------------------ spelling

struct Speller::Impl {
  nuspell::Dictionary dict;
};

Speller::Speller(const std::string& aff_path) : m(std::make_unique<Impl>()) {
  try {
    m->dict.load_aff_dic(std::filesystem::path(aff_path));
  } catch (const std::exception& e) {
    throw Error(ErrorKind::io, "cannot load the spelling dictionary " + aff_path + ": " + e.what(),
                "reinstall it with 'sudo apt install --reinstall hunspell-en-us'");
  }
}

Speller::~Speller() = default;

bool Speller::correct(std::string_view word) const { return m->dict.spell(word); }

std::vector<std::string> Speller::suggest(std::string_view word, std::size_t max) const {
  // nuspell's own suggestions take 25-75 ms a word, too slow for a linter; instead every word one
  // edit away (a doubled letter, two letters swapped, one replaced, one missing, one extra, a
  // missing space) is looked up, in that order of likelihood: well under a millisecond.
  std::vector<std::string> out;
  if (word.empty() || word.size() > 30) return out;
  for (char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) return out;  // ASCII words only
  }
  auto add = [&](const std::string& candidate) {
    if (out.size() >= max || candidate.empty()) return;
    if (std::find(out.begin(), out.end(), candidate) != out.end()) return;
    if (m->dict.spell(candidate)) out.push_back(candidate);
  };
  std::string w(word);
  const std::size_t n = w.size();
  static constexpr std::string_view kLetters = "etaoinshrdlcumwfgypbvkjxqz";
  for (std::size_t i = 0; i < n && out.size() < max; ++i) add(w.substr(0, i + 1) + w.substr(i));  // doubled
  for (std::size_t i = 0; i + 1 < n && out.size() < max; ++i) {  // swapped
    std::string c = w;
    std::swap(c[i], c[i + 1]);
    add(c);
  }
  for (std::size_t i = 0; i < n && out.size() < max; ++i) {  // replaced
    for (char l : kLetters) {
      if (std::tolower(static_cast<unsigned char>(w[i])) == l) continue;
      std::string c = w;
      c[i] = std::isupper(static_cast<unsigned char>(w[i])) ? static_cast<char>(std::toupper(l)) : l;
      add(c);
    }
  }
  for (std::size_t i = 0; i <= n && out.size() < max; ++i) {  // missing
    for (char l : kLetters) add(w.substr(0, i) + l + w.substr(i));
  }
  for (std::size_t i = 0; i < n && out.size() < max; ++i) add(w.substr(0, i) + w.substr(i + 1));  // extra
  for (std::size_t i = 1; i + 1 < n && out.size() < max; ++i) {  // a missing space
    if (m->dict.spell(w.substr(0, i)) && m->dict.spell(w.substr(i)) && i > 1 && n - i > 1)
      out.push_back(w.substr(0, i) + " " + w.substr(i));
  }
  return out;
}

std::string Speller::find_default() {
  std::error_code ec;
  for (const char* known : {"/usr/share/hunspell/en_US.aff", "/usr/share/myspell/en_US.aff"}) {
    if (std::filesystem::exists(known, ec)) return known;
  }
  for (const auto& p : nuspell::search_default_dirs_for_dicts()) {
    if (p.stem() == "en_US") {
      auto aff = p;
      aff.replace_extension(".aff");
      if (std::filesystem::exists(aff, ec)) return aff.string();
    }
  }
  return {};
}

namespace {

// ------------------------------------------------------------------------------------------ text

/// Decodes one code point at `i`; invalid or truncated sequences are U+FFFD of one byte.
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  auto b = static_cast<unsigned char>(s[i]);
  len = 1;
  if (b < 0x80) return b;
  int n = 0;
  char32_t cp = 0;
  if ((b & 0xE0) == 0xC0) {
    n = 1;
    cp = b & 0x1F;
  } else if ((b & 0xF0) == 0xE0) {
    n = 2;
    cp = b & 0x0F;
  } else if ((b & 0xF8) == 0xF0) {
    n = 3;
    cp = b & 0x07;
  } else {
    return 0xFFFD;
  }
  if (i + static_cast<std::size_t>(n) >= s.size()) return 0xFFFD;
  for (int k = 1; k <= n; ++k) {
    auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((c & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (c & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  len = static_cast<std::size_t>(n) + 1;
  return cp;
}

bool is_word_cp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c == 0xFFFD || c == 0xD7 || c == 0xF7) return false;
  if (c < 0xC0) return false;                     // Latin-1 punctuation, no-break space
  if (c >= 0x2000 && c <= 0x2BFF) return false;   // general punctuation, arrows, symbols
  if (c >= 0x3000 && c <= 0x303F) return false;   // CJK punctuation
  if (c >= 0xFE00 && c <= 0xFE6F) return false;
  if (c >= 0x1F000) return false;                 // emoji
  return true;
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

struct Token {
  std::size_t begin = 0;  ///< bytes
  std::size_t end = 0;
  std::string lower;      ///< ASCII-lowered, ’ as '
  int sentence = 0;
  bool subject = false;   ///< in the Subject: line
  bool upper = false;     ///< every letter upper-case (and at least two)
  bool digit = false;     ///< has a digit
  bool hyphen_before = false;  ///< joined to the previous word by one hyphen
};

struct Sentence {
  std::size_t first = 0;  ///< tokens
  std::size_t last = 0;
};

/// The draft cut into words and sentences, with its subject line.
struct Text {
  std::string_view s;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;  ///< only sentences that hold words
  bool has_subject = false;
  std::size_t subject_begin = 0, subject_end = 0;  ///< the subject's text (after "Subject:")
  std::size_t body_begin = 0;
  std::vector<std::pair<std::size_t, std::size_t>> no_spell;  ///< e-mail addresses, URLs
};

bool starts_subject(std::string_view s) {
  if (s.size() < 8) return false;
  static constexpr std::string_view kSubject = "subject:";
  for (std::size_t i = 0; i < kSubject.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kSubject[i]) return false;
  }
  return true;
}

Text cut(std::string_view s) {
  Text t;
  t.s = s;
  // The subject line.
  std::size_t start = 0;
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB &&
      static_cast<unsigned char>(s[2]) == 0xBF)
    start = 3;
  if (starts_subject(s.substr(start))) {
    t.has_subject = true;
    std::size_t eol = s.find('\n', start);
    if (eol == std::string_view::npos) eol = s.size();
    std::size_t b = start + 8;
    while (b < eol && (s[b] == ' ' || s[b] == '\t')) ++b;
    std::size_t e = eol;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    t.subject_begin = b;
    t.subject_end = e;
    t.body_begin = eol < s.size() ? eol + 1 : s.size();
  } else {
    t.body_begin = 0;
  }
  // Addresses and links are not words to spell.
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r') ++j;
    std::string_view chunk = s.substr(i, j - i);
    if (chunk.find('@') != std::string_view::npos || chunk.find("://") != std::string_view::npos ||
        chunk.find("www.") != std::string_view::npos || chunk.find(".com") != std::string_view::npos ||
        chunk.find(".org") != std::string_view::npos)
      t.no_spell.emplace_back(i, j);
    i = j;
  }

  int sentence = 0;
  bool pending_break = false;       // a sentence ends before the next word
  std::size_t line_start = 0;
  char32_t last_visible = 0;        // the last non-space character on this line
  bool hyphen_pending = false;
  std::size_t i = 0;
  t.tokens.reserve(s.size() / 5 + 1);
  if (t.has_subject) i = t.subject_begin;  // "Subject:" itself is not a word of the draft
  while (i < s.size()) {
    if (t.has_subject && i == t.body_begin && i > 0) pending_break = true;
    std::size_t len = 1;
    char32_t c = decode(s, i, len);
    if (is_word_cp(c)) {
      Token tok;
      tok.begin = i;
      bool lower_seen = false;
      int upper_n = 0;
      std::size_t j = i;
      while (j < s.size()) {
        std::size_t l = 1;
        char32_t d = decode(s, j, l);
        if (is_word_cp(d)) {
          if (d < 0x80) {
            char ch = static_cast<char>(d);
            if (ch >= 'A' && ch <= 'Z') {
              ++upper_n;
              ch = static_cast<char>(ch - 'A' + 'a');
            } else if (ch >= 'a' && ch <= 'z') {
              lower_seen = true;
            } else {
              tok.digit = true;
            }
            tok.lower.push_back(ch);
          } else {
            tok.lower.append(s.substr(j, l));
            lower_seen = true;  // non-ASCII letters: not an acronym
          }
          j += l;
          continue;
        }
        if (is_apostrophe(d) && j + l < s.size()) {
          std::size_t l2 = 1;
          char32_t e = decode(s, j + l, l2);
          if (is_word_cp(e)) {
            tok.lower.push_back('\'');
            j += l;
            continue;
          }
        }
        break;
      }
      tok.end = j;
      tok.upper = upper_n >= 2 && !lower_seen;
      if (pending_break && !t.tokens.empty()) ++sentence;
      pending_break = false;
      tok.sentence = sentence;
      tok.subject = t.has_subject && tok.begin < t.body_begin;
      tok.hyphen_before = hyphen_pending;
      hyphen_pending = false;
      t.tokens.push_back(std::move(tok));
      last_visible = 'a';
      i = j;
      continue;
    }
    if (c == '-' && !t.tokens.empty() && t.tokens.back().end == i && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      hyphen_pending = std::isalnum(next) || next >= 0xC0;
    } else {
      hyphen_pending = false;
    }
    if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
      // The end of a sentence when a space, a line end or the end of the text follows
      // (quotes and brackets may come between).
      std::size_t k = i + len;
      while (k < s.size() && (s[k] == '"' || s[k] == '\'' || s[k] == ')' || s[k] == '.' || s[k] == '!' || s[k] == '?')) ++k;
      if (k >= s.size() || s[k] == ' ' || s[k] == '\n' || s[k] == '\r' || s[k] == '\t') pending_break = true;
    } else if (c == '\n') {
      // A blank line, a line ending in ':' or ';', a short line ending in ',' (a greeting, a
      // sign-off), or a next line that starts a list: the sentence ends.
      std::size_t line_len = i - line_start;
      std::size_t k = i + 1;
      while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) ++k;
      bool blank_next = k >= s.size() || s[k] == '\n';
      bool bullet_next = k < s.size() && (s[k] == '-' || s[k] == '*' || s[k] == '>');
      if (blank_next || bullet_next || last_visible == ':' || last_visible == ';' || last_visible == 0 ||
          (last_visible == ',' && line_len < 40))
        pending_break = true;
      line_start = i + 1;
      last_visible = 0;
    } else if (c == 0x2022) {
      pending_break = true;
    }
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') last_visible = c;
    i += len;
  }
  // Sentences that hold words.
  for (std::size_t k = 0; k < t.tokens.size(); ++k) {
    if (k == 0 || t.tokens[k].sentence != t.tokens[k - 1].sentence) {
      t.sentences.push_back({k, k});
    } else {
      t.sentences.back().last = k;
    }
    t.tokens[k].sentence = static_cast<int>(t.sentences.size() - 1);
  }
  return t;
}

// ------------------------------------------------------------------------------------------ phrases

struct Pattern {
  std::string text;  ///< lower-case unless the phrase is case-sensitive
  bool prefix = false;
};

struct Phrase {
  std::vector<Pattern> words;
  bool case_sensitive = false;
};

/// Cuts a phrase of check.toml into word patterns ("apolog*" → prefix "apolog").
Phrase compile_phrase(const std::string& text, bool case_sensitive) {
  Phrase p;
  p.case_sensitive = case_sensitive;
  Text t = cut(text);
  for (std::size_t k = 0; k < t.tokens.size(); ++k) {
    const auto& tok = t.tokens[k];
    Pattern pat;
    pat.text = case_sensitive ? std::string(text.substr(tok.begin, tok.end - tok.begin)) : tok.lower;
    pat.prefix = tok.end < text.size() && text[tok.end] == '*';
    p.words.push_back(std::move(pat));
  }
  return p;
}

/// A span of words where a phrase was found.
struct Hit {
  std::size_t first = 0;  ///< tokens
  std::size_t last = 0;
};

/// Every phrase list of the rules (a check's phrases, exceptions or near words), compiled and
/// indexed by first word so that one pass over a draft finds them all.
class Matcher {
 public:
  std::size_t add_list(const std::vector<std::string>& phrases, bool case_sensitive) {
    std::size_t id = m_lists.size();
    m_lists.emplace_back();
    for (const auto& text : phrases) {
      Phrase p = compile_phrase(text, case_sensitive);
      if (p.words.empty()) continue;
      std::size_t index = m_lists[id].size();
      m_lists[id].push_back(std::move(p));
      const Pattern& first = m_lists[id][index].words.front();
      std::string key = first.text;
      for (auto& ch : key) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      }
      if (first.prefix) {
        m_prefixed.push_back({id, index, key});
      } else {
        m_index[key].push_back({id, index, {}});
      }
    }
    return id;
  }

  /// Hits per list, each list's hits in text order.
  std::vector<std::vector<Hit>> find(const Text& t) const {
    std::vector<std::vector<Hit>> out(m_lists.size());
    for (std::size_t k = 0; k < t.tokens.size(); ++k) {
      const std::string& w = t.tokens[k].lower;
      if (auto it = m_index.find(w); it != m_index.end()) {
        for (const auto& ref : it->second) try_at(t, k, ref, out);
      }
      for (const auto& ref : m_prefixed) {
        if (w.size() >= ref.key.size() && w.compare(0, ref.key.size(), ref.key) == 0) try_at(t, k, ref, out);
      }
    }
    return out;
  }

 private:
  struct Ref {
    std::size_t list;
    std::size_t phrase;
    std::string key;
  };

  static bool word_matches(const Text& t, const Token& tok, const Pattern& pat, bool case_sensitive) {
    if (case_sensitive) {
      std::string_view original = t.s.substr(tok.begin, tok.end - tok.begin);
      return pat.prefix ? original.substr(0, pat.text.size()) == pat.text : original == pat.text;
    }
    return pat.prefix ? tok.lower.compare(0, pat.text.size(), pat.text) == 0 : tok.lower == pat.text;
  }

  void try_at(const Text& t, std::size_t k, const Ref& ref, std::vector<std::vector<Hit>>& out) const {
    const Phrase& p = m_lists[ref.list][ref.phrase];
    if (k + p.words.size() > t.tokens.size()) return;
    const Token& first = t.tokens[k];
    for (std::size_t j = 0; j < p.words.size(); ++j) {
      const Token& tok = t.tokens[k + j];
      if (tok.sentence != first.sentence || tok.subject != first.subject) return;
      if (!word_matches(t, tok, p.words[j], p.case_sensitive)) return;
    }
    auto& hits = out[ref.list];
    Hit h{k, k + p.words.size() - 1};
    // Overlapping finds of one list count once (the earliest, longest).
    if (!hits.empty() && hits.back().last >= h.first) {
      if (hits.back().first == h.first && h.last > hits.back().last) hits.back().last = h.last;
      return;
    }
    hits.push_back(h);
  }

  std::vector<std::vector<Phrase>> m_lists;
  std::unordered_map<std::string, std::vector<Ref>> m_index;
  std::vector<Ref> m_prefixed;
};

// ------------------------------------------------------------------------------------------ rules

enum class Type { required, forbidden, count, length, conditional, spelling };
enum class Where { all, body, subject };
enum class Measure { words, chars, seconds, sentences };

struct Compiled {
  const playbook::CheckSpec* spec = nullptr;
  Type type = Type::forbidden;
  Severity severity = Severity::warning;
  Where where = Where::all;
  Measure measure = Measure::words;
  bool by_sentence = false;
  bool at_end = false;
  std::size_t phrases = 0, exceptions = 0, near = 0, skip = 0;  ///< Matcher lists
  bool has_skip = false;
  bool has_exceptions = false;
  std::vector<std::pair<std::string, std::string>> enclosed;
  bool needs_tracker = false;
};

Type type_of(const std::string& s) {
  if (s == "required") return Type::required;
  if (s == "count") return Type::count;
  if (s == "length") return Type::length;
  if (s == "conditional") return Type::conditional;
  if (s == "spelling") return Type::spelling;
  return Type::forbidden;
}

Severity severity_of(const std::string& s) {
  return parse_enum<Severity>(s, kSeverityNames).value_or(Severity::warning);  // playbook check refuses others
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

void replace_all(std::string& s, std::string_view from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

/// Text as quoted in a message: spaces collapsed, at most 60 characters.
std::string shown(std::string_view s) {
  std::string out;
  bool space = false;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    char32_t c = decode(s, i, len);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      i += len;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (++chars > 60) {
      out += "…";
      break;
    }
    if (c == 0xFFFD) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace

// ------------------------------------------------------------------------------------------ checker

struct Checker::Impl {
  const playbook::CheckRules& rules;
  const Speller* speller;
  Matcher matcher;
  std::vector<Compiled> checks;
  std::vector<std::string> ids;
  std::size_t decline_signs = 0;
  std::unordered_set<std::string> accept;  ///< lower-case

  Impl(const playbook::CheckRules& r, const Speller* s) : rules(r), speller(s) {
    decline_signs = matcher.add_list(r.decline_signs, false);
    for (const auto& w : r.accept) accept.insert(lower_ascii(w));
    for (const auto& spec : r.checks) {
      Compiled c;
      c.spec = &spec;
      c.type = type_of(spec.type);
      c.severity = severity_of(spec.severity);
      c.where = spec.in == "body" ? Where::body : spec.in == "subject" ? Where::subject : Where::all;
      c.measure = spec.measure == "chars"       ? Measure::chars
                  : spec.measure == "seconds"   ? Measure::seconds
                  : spec.measure == "sentences" ? Measure::sentences
                                                : Measure::words;
      c.by_sentence = spec.unit == "sentence";
      c.at_end = spec.at == "end";
      c.phrases = matcher.add_list(spec.phrases, spec.case_sensitive);
      c.exceptions = matcher.add_list(spec.exceptions, false);
      c.has_exceptions = !spec.exceptions.empty();
      c.near = matcher.add_list(spec.near, false);
      c.skip = matcher.add_list(spec.skip, false);
      c.has_skip = !spec.skip.empty();
      for (const auto& e : spec.enclosed) {
        auto sp = e.find(' ');
        if (sp != std::string::npos && sp > 0 && sp + 1 < e.size()) c.enclosed.emplace_back(e.substr(0, sp), e.substr(sp + 1));
      }
      c.needs_tracker = !spec.when.empty();
      checks.push_back(std::move(c));
      if (std::find(ids.begin(), ids.end(), spec.rule) == ids.end()) ids.push_back(spec.rule);
    }
  }

  bool is_decline_kind(const std::string& kind) const {
    return std::find(rules.decline_kinds.begin(), rules.decline_kinds.end(), kind) != rules.decline_kinds.end();
  }

  bool kind_in(const std::vector<std::string>& list, const std::string& kind, bool reads_decline) const {
    for (const auto& k : list) {
      if (k == "decline") {
        if (kind.empty() ? reads_decline : is_decline_kind(kind)) return true;
      } else if (k == kind) {
        return true;
      }
    }
    return false;
  }

  std::vector<Diagnostic> run(const Request& req) const;
};

Checker::Checker(const playbook::CheckRules& rules, const Speller* speller)
    : m(std::make_unique<Impl>(rules, speller)) {}
Checker::~Checker() = default;

const std::vector<std::string>& Checker::rule_ids() const { return m->ids; }

namespace {

/// kindly:ignore markers: rules ignored in the whole draft (a line with only the marker) or on
/// one line (a marker after other text). The markers themselves are blanked out.
struct Ignores {
  std::set<std::string> everywhere;
  std::vector<std::pair<int, std::string>> on_line;  ///< 1-based line, rule
  std::vector<std::pair<std::size_t, std::string>> unknown;  ///< offset, the unknown id
  std::string masked;  ///< the text with markers blanked; empty when there were none
};

Ignores find_ignores(std::string_view s, const std::vector<std::string>& ids) {
  Ignores out;
  static constexpr std::string_view kMarker = "kindly:ignore";
  std::size_t pos = s.find(kMarker);
  if (pos == std::string_view::npos) return out;
  out.masked.assign(s);
  while (pos != std::string_view::npos) {
    std::size_t line_start = s.rfind('\n', pos == 0 ? 0 : pos - 1);
    line_start = (line_start == std::string_view::npos || pos == 0) ? 0 : line_start + 1;
    if (pos > 0 && s[pos - 1] == '\n') line_start = pos;
    bool alone = true;
    for (std::size_t k = line_start; k < pos; ++k) {
      if (s[k] != ' ' && s[k] != '\t') alone = false;
    }
    int line = 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
    std::size_t k = pos + kMarker.size();
    while (k < s.size()) {
      while (k < s.size() && (s[k] == ' ' || s[k] == ',' || s[k] == '\t')) ++k;
      std::size_t b = k;
      while (k < s.size() && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') || s[k] == '-')) ++k;
      if (k == b) break;
      std::string id(s.substr(b, k - b));
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        out.unknown.emplace_back(b, id);
      } else if (alone) {
        out.everywhere.insert(id);
      } else {
        out.on_line.emplace_back(line, id);
      }
    }
    for (std::size_t m = pos; m < k; ++m) out.masked[m] = ' ';
    pos = s.find(kMarker, k);
  }
  return out;
}

/// Positions (line, column in code points) of byte offsets, computed in one pass.
void place(std::string_view s, std::vector<Diagnostic>& diags) {
  std::vector<std::size_t> offsets;
  offsets.reserve(diags.size() * 2);
  for (const auto& d : diags) {
    offsets.push_back(d.begin);
    offsets.push_back(d.end);
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  std::vector<std::pair<int, int>> at(offsets.size());
  int line = 1, col = 1;
  std::size_t i = 0, k = 0;
  while (k < offsets.size()) {
    if (i >= offsets[k] || i >= s.size()) {
      at[k++] = {line, col};
      continue;
    }
    std::size_t len = 1;
    char32_t c = decode(s, i, len);
    if (i + len > offsets[k]) len = offsets[k] - i;  // an offset inside a sequence
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += len;
  }
  auto lookup = [&](std::size_t off) {
    auto it = std::lower_bound(offsets.begin(), offsets.end(), off);
    return at[static_cast<std::size_t>(it - offsets.begin())];
  };
  for (auto& d : diags) {
    std::tie(d.line, d.column) = lookup(d.begin);
    std::tie(d.end_line, d.end_column) = lookup(d.end);
  }
}

}  // namespace

std::vector<Diagnostic> Checker::check(const Request& request) const {
  try {
    return m->run(request);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::internal, std::string("the checker failed: ") + e.what());
  }
}

std::vector<Diagnostic> Checker::Impl::run(const Request& req) const {
  std::vector<std::string> disabled = req.disabled;
  disabled.insert(disabled.end(), rules.disable.begin(), rules.disable.end());
  Ignores ignores = find_ignores(req.text, ids);
  std::string_view s = ignores.masked.empty() ? req.text : std::string_view(ignores.masked);
  Text t = cut(s);
  auto hits = matcher.find(t);

  std::string channel = req.channel.empty() || t.has_subject ? std::string("email") : req.channel;
  bool subject_checks = channel == "email" && (t.has_subject || req.channel == "email");
  bool reads_decline = !hits[decline_signs].empty();

  // Where each place starts and ends, in tokens and bytes.
  auto in_place = [&](const Token& tok, Where w) {
    return w == Where::all || (w == Where::subject ? tok.subject : !tok.subject);
  };
  std::size_t body_first = 0;
  while (body_first < t.tokens.size() && t.tokens[body_first].subject) ++body_first;

  std::vector<Diagnostic> out;
  auto emit = [&](const Compiled& c, std::size_t begin, std::size_t end, std::map<std::string, std::string> vars) {
    Diagnostic d;
    d.rule = c.spec->rule;
    d.severity = c.severity;
    d.begin = std::min(begin, s.size());
    d.end = std::max(d.begin, std::min(end, s.size()));
    d.message = c.spec->message;
    d.suggestion = c.spec->suggestion;
    vars.emplace("max", std::to_string(c.spec->max));
    vars.emplace("min", std::to_string(c.spec->min));
    for (const auto& [k, v] : vars) {
      replace_all(d.message, "{{" + k + "}}", v);
      replace_all(d.suggestion, "{{" + k + "}}", v);
    }
    out.push_back(std::move(d));
  };
  auto hit_text = [&](const Hit& h) {
    return shown(s.substr(t.tokens[h.first].begin, t.tokens[h.last].end - t.tokens[h.first].begin));
  };
  // A missing part is pointed at the first (or last) line of the body with words.
  auto line_span = [&](bool at_end, Where w) -> std::pair<std::size_t, std::size_t> {
    if (w == Where::subject || (t.tokens.empty() && !t.has_subject)) {
      std::size_t e = s.find('\n');
      if (e == std::string_view::npos) e = s.size();
      if (e > 0 && s[e - 1] == '\r') --e;
      return {0, e};
    }
    std::size_t k = body_first;
    if (at_end) {
      // The last line with words that is not the sign-off: skip short lines at the end.
      std::size_t last = t.tokens.size();
      for (std::size_t j = t.tokens.size(); j > body_first; --j) {
        if (t.sentences[static_cast<std::size_t>(t.tokens[j - 1].sentence)].last -
                t.sentences[static_cast<std::size_t>(t.tokens[j - 1].sentence)].first >= 4) {
          last = j - 1;
          break;
        }
      }
      k = last == t.tokens.size() ? (t.tokens.empty() ? 0 : t.tokens.size() - 1) : last;
    }
    if (k >= t.tokens.size()) return {t.body_begin, s.size()};
    std::size_t b = s.rfind('\n', t.tokens[k].begin);
    b = b == std::string_view::npos ? 0 : b + 1;
    std::size_t e = s.find('\n', t.tokens[k].begin);
    if (e == std::string_view::npos) e = s.size();
    if (e > b && s[e - 1] == '\r') --e;
    return {b, e};
  };
  auto excepted = [&](const Compiled& c, const Hit& h) {
    if (!c.has_exceptions) return false;
    for (const auto& x : hits[c.exceptions]) {
      if (x.first <= h.last && h.first <= x.last) return true;
    }
    return false;
  };
  auto excepted_bytes = [&](const Compiled& c, std::size_t b, std::size_t e) {
    if (!c.has_exceptions) return false;
    std::string inside = lower_ascii(s.substr(b, e - b));
    for (const auto& x : c.spec->exceptions) {
      if (lower_ascii(x) == inside) return true;
    }
    for (const auto& x : hits[c.exceptions]) {
      if (t.tokens[x.first].begin < e && b < t.tokens[x.last].end) return true;
    }
    return false;
  };

  bool spelling_reported_missing = false;
  for (const auto& c : checks) {
    const auto& spec = *c.spec;
    if (!spec.enabled) continue;
    if (std::find(disabled.begin(), disabled.end(), spec.rule) != disabled.end()) continue;
    if (ignores.everywhere.count(spec.rule)) continue;
    if (!spec.kinds.empty() && !kind_in(spec.kinds, req.kind, reads_decline)) continue;
    if (!spec.not_kinds.empty() && !req.kind.empty() && kind_in(spec.not_kinds, req.kind, reads_decline)) continue;
    if (!spec.channels.empty() && std::find(spec.channels.begin(), spec.channels.end(), channel) == spec.channels.end())
      continue;
    if (c.where == Where::subject && !subject_checks) continue;
    if (c.needs_tracker) {
      if (!req.tracker) continue;
      bool holds = true;
      std::map<std::string, std::string> vars;
      for (const auto& w : spec.when) {
        if (w == "no-accepted-offer") holds = holds && !req.tracker->accepted_offer;
        if (w == "send-by-passed") {
          holds = holds && req.tracker->send_by_passed.has_value();
          if (req.tracker->send_by_passed) vars["send_by"] = *req.tracker->send_by_passed;
        }
        if (w == "call-first") {
          holds = holds && req.tracker->call_first.has_value();
          if (req.tracker->call_first) vars["channel"] = *req.tracker->call_first;
        }
      }
      if (!holds) continue;
      if (spec.phrases.empty()) {
        auto [b, e] = line_span(false, c.where);
        emit(c, b, e, vars);
        continue;
      }
    }

    switch (c.type) {
      case Type::required: {
        bool found = false;
        for (const auto& h : hits[c.phrases]) {
          if (in_place(t.tokens[h.first], c.where) && !excepted(c, h)) {
            found = true;
            break;
          }
        }
        if (!found) {
          auto [b, e] = line_span(c.at_end, c.where);
          emit(c, b, e, {});
        }
        break;
      }
      case Type::forbidden:
      case Type::conditional: {
        for (const auto& h : hits[c.phrases]) {
          const Token& first = t.tokens[h.first];
          if (!in_place(first, c.where) || excepted(c, h)) continue;
          if (spec.whole) {
            std::size_t lo = 0, hi = 0;
            bool any = false;
            for (std::size_t k = 0; k < t.tokens.size(); ++k) {
              if (!in_place(t.tokens[k], c.where)) continue;
              if (!any) lo = k;
              hi = k;
              any = true;
            }
            if (!any || h.first != lo || h.last != hi) continue;
          }
          if (c.type == Type::conditional && !spec.near.empty()) {
            bool near = false;
            for (const auto& n : hits[c.near]) {
              if (t.tokens[n.first].sentence == first.sentence && (n.last < h.first || n.first > h.last)) {
                near = true;
                break;
              }
            }
            if (!near) continue;
          }
          emit(c, first.begin, t.tokens[h.last].end, {{"found", hit_text(h)}});
        }
        // Text between marks: [Name], {{company}}, <Company>.
        std::vector<std::pair<std::size_t, std::size_t>> taken;
        for (const auto& [open, close] : c.enclosed) {
          std::size_t from = c.where == Where::body ? t.body_begin : 0;
          std::size_t to = c.where == Where::subject ? t.subject_end : s.size();
          for (std::size_t p = s.find(open, from); p != std::string_view::npos && p < to; p = s.find(open, p + 1)) {
            std::size_t inner = p + open.size();
            std::size_t q = s.find(close, inner);
            if (q == std::string_view::npos) break;
            if (q == inner || q - inner > 40) continue;
            std::string_view content = s.substr(inner, q - inner);
            bool letter = false, ok = content.front() != ' ' && content.back() != ' ';
            for (char ch : content) {
              auto u = static_cast<unsigned char>(ch);
              if (std::isalpha(u) || u >= 0x80) {
                letter = true;
              } else if (!(std::isdigit(u) || ch == ' ' || ch == '_' || ch == '-' || ch == '\'' || ch == '.' ||
                           ch == '#' || ch == '&' || ch == '/')) {
                ok = false;
              }
            }
            if (!ok || !letter || content.find("//") != std::string_view::npos) continue;
            std::size_t end = q + close.size();
            bool overlaps = false;
            for (const auto& [tb, te] : taken) overlaps = overlaps || (p < te && tb < end);
            if (overlaps || excepted_bytes(c, p, end)) continue;
            taken.emplace_back(p, end);
            emit(c, p, end, {{"found", shown(s.substr(p, end - p))}});
          }
        }
        break;
      }
      case Type::count: {
        std::vector<Hit> counted;
        for (const auto& h : hits[c.phrases]) {
          if (!in_place(t.tokens[h.first], c.where) || excepted(c, h)) continue;
          if (c.by_sentence) {
            const auto& sent = t.sentences[static_cast<std::size_t>(t.tokens[h.first].sentence)];
            if (!counted.empty() && counted.back().first == sent.first) continue;
            counted.push_back({sent.first, sent.last});
          } else {
            counted.push_back(h);
          }
        }
        if (spec.max >= 0 && counted.size() > static_cast<std::size_t>(spec.max)) {
          const Hit& h = counted[static_cast<std::size_t>(spec.max)];
          emit(c, t.tokens[h.first].begin, t.tokens[h.last].end,
               {{"found", hit_text(h)}, {"count", std::to_string(counted.size())}});
        }
        break;
      }
      case Type::length: {
        std::size_t lo_byte = c.where == Where::subject ? t.subject_begin : c.where == Where::body ? t.body_begin : 0;
        std::size_t hi_byte = c.where == Where::subject ? t.subject_end : s.size();
        if (c.where == Where::subject && !t.has_subject) hi_byte = lo_byte = 0;
        std::vector<std::size_t> words;  // token indexes in place
        std::vector<char> skipped;       // per sentence: holds a `skip` phrase
        if (c.has_skip) {
          skipped.assign(t.sentences.size(), 0);
          for (const auto& h : hits[c.skip]) skipped[static_cast<std::size_t>(t.tokens[h.first].sentence)] = 1;
        }
        for (std::size_t k = 0; k < t.tokens.size(); ++k) {
          if (!in_place(t.tokens[k], c.where)) continue;
          if (c.has_skip && skipped[static_cast<std::size_t>(t.tokens[k].sentence)]) continue;
          words.push_back(k);
        }
        double value = 0;
        std::size_t cut_at = hi_byte;  // where the text goes past the maximum
        double max = spec.max;
        if (c.measure == Measure::words || c.measure == Measure::seconds) {
          double per = c.measure == Measure::seconds ? 60.0 / rules.speech_words_per_minute : 1.0;
          value = static_cast<double>(words.size()) * per;
          if (spec.max >= 0 && value > max) {
            auto allowed = static_cast<std::size_t>(std::floor(max / per));
            if (allowed < words.size()) {
              cut_at = t.tokens[words[allowed]].begin;
              if (c.has_skip) {  // the sentence where the limit is crossed
                const auto& sent = t.sentences[static_cast<std::size_t>(t.tokens[words[allowed]].sentence)];
                cut_at = t.tokens[sent.first].begin;
                hi_byte = t.tokens[sent.last].end;
              }
            }
          }
          if (c.measure == Measure::seconds) value = std::round(value);
        } else if (c.measure == Measure::sentences) {
          std::set<int> sents;
          for (auto k : words) sents.insert(t.tokens[k].sentence);
          value = static_cast<double>(sents.size());
          if (spec.max >= 0 && value > max) {
            auto it = sents.begin();
            std::advance(it, spec.max);
            cut_at = t.tokens[t.sentences[static_cast<std::size_t>(*it)].first].begin;
          }
        } else {
          std::size_t e = hi_byte;
          while (e > lo_byte && (s[e - 1] == ' ' || s[e - 1] == '\n' || s[e - 1] == '\r' || s[e - 1] == '\t')) --e;
          std::size_t b = lo_byte;
          while (b < e && (s[b] == ' ' || s[b] == '\n' || s[b] == '\r' || s[b] == '\t')) ++b;
          std::size_t chars = 0;
          for (std::size_t i = b; i < e;) {
            std::size_t len = 1;
            decode(s, i, len);
            if (spec.max >= 0 && chars == static_cast<std::size_t>(spec.max)) cut_at = i;
            ++chars;
            i += len;
          }
          value = static_cast<double>(chars);
          hi_byte = e;
        }
        std::string shown_value = std::to_string(static_cast<long long>(value));
        if (spec.max >= 0 && value > max) {
          emit(c, cut_at, std::max(cut_at, hi_byte), {{"value", shown_value}});
        } else if (spec.min >= 0 && value < spec.min && (value > 0 || spec.min <= 1)) {
          auto [b, e] = c.where == Where::subject && t.has_subject ? std::pair{t.subject_begin, t.subject_end}
                                                                   : line_span(false, c.where);
          if (b == e && c.where == Where::subject && t.has_subject) b = 0;
          emit(c, b, e, {{"value", shown_value}, {"found", shown(s.substr(t.subject_begin, t.subject_end - t.subject_begin))}});
        }
        break;
      }
      case Type::spelling: {
        if (!speller) {
          if (!spelling_reported_missing) {
            spelling_reported_missing = true;
            Diagnostic d;
            d.rule = spec.rule;
            d.severity = Severity::info;
            d.message = "spelling was not checked";
            d.suggestion = kDictionaryHint;
            out.push_back(std::move(d));
          }
          break;
        }
        std::unordered_set<std::string> known;
        for (const auto& w : req.known_words) {
          Text kt = cut(w);
          for (const auto& tok : kt.tokens) known.insert(tok.lower);
        }
        std::unordered_map<std::string, std::string> suggested;  // word → "a", "b"
        std::size_t nospell = 0;
        for (std::size_t k = 0; k < t.tokens.size(); ++k) {
          const Token& tok = t.tokens[k];
          if (!in_place(tok, c.where) || tok.digit || tok.upper) continue;
          std::size_t size = tok.end - tok.begin;
          if (size < 2 || size > 40) continue;
          while (nospell < t.no_spell.size() && t.no_spell[nospell].second <= tok.begin) ++nospell;
          if (nospell < t.no_spell.size() && t.no_spell[nospell].first <= tok.begin) continue;
          std::string_view word = s.substr(tok.begin, size);
          std::string bare = tok.lower;
          if (bare.size() > 2 && bare.compare(bare.size() - 2, 2, "'s") == 0) bare.resize(bare.size() - 2);
          if (accept.count(tok.lower) || accept.count(bare) || known.count(tok.lower) || known.count(bare)) continue;
          // A capitalised word inside a sentence is most likely a name ("meeting Priya", "Hi Dana"):
          // drafts are full of people and places the dictionary cannot know.
          bool mid_sentence = k > 0 && t.tokens[k - 1].sentence == tok.sentence;
          bool capitalised = word[0] >= 'A' && word[0] <= 'Z' && word.substr(1) == std::string_view(tok.lower).substr(1);
          if (mid_sentence && capitalised) continue;
          std::string spelled(word);
          replace_all(spelled, "\xE2\x80\x99", "'");
          if (speller->correct(spelled)) continue;
          // A part of a hyphenated word may be fine as a whole ("co-founder").
          bool joined = (tok.hyphen_before && k > 0) || (k + 1 < t.tokens.size() && t.tokens[k + 1].hyphen_before);
          if (joined) {
            std::size_t a = k, b = k;
            while (a > 0 && t.tokens[a].hyphen_before) --a;
            while (b + 1 < t.tokens.size() && t.tokens[b + 1].hyphen_before) ++b;
            if (speller->correct(s.substr(t.tokens[a].begin, t.tokens[b].end - t.tokens[a].begin))) continue;
          }
          Hit h{k, k};
          if (excepted(c, h)) continue;
          auto it = suggested.find(spelled);
          if (it == suggested.end()) {
            std::string list;
            if (suggested.size() < 20 && size <= 24) {
              for (const auto& sug : speller->suggest(spelled, 3)) list += (list.empty() ? "\"" : ", \"") + sug + "\"";
            }
            it = suggested.emplace(spelled, list.empty() ? std::string("another spelling") : list).first;
          }
          emit(c, tok.begin, tok.end, {{"found", shown(word)}, {"value", it->second}});
        }
        break;
      }
    }
  }

  for (const auto& [offset, id] : ignores.unknown) {
    Diagnostic d;
    d.rule = "kindly-ignore";
    d.severity = Severity::warning;
    d.begin = offset;
    d.end = offset + id.size();
    d.message = "kindly:ignore names '" + id + "', which is not a rule";
    std::string all;
    for (const auto& r : ids) all += (all.empty() ? "" : ", ") + r;
    d.suggestion = "the rules are: " + all;
    out.push_back(std::move(d));
  }

  place(s, out);
  if (!ignores.on_line.empty()) {
    std::erase_if(out, [&](const Diagnostic& d) {
      return std::any_of(ignores.on_line.begin(), ignores.on_line.end(),
                         [&](const auto& p) { return p.first == d.line && p.second == d.rule; });
    });
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return static_cast<int>(a.severity) < static_cast<int>(b.severity);
  });
  // Two checks of one rule that point at the same words say it once.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return a.rule == b.rule && a.begin == b.begin && a.end == b.end;
                        }),
            out.end());
  return out;
}

}  // namespace kindly::check
