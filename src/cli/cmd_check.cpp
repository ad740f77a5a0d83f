// kindly check [FILE|-] [--for ID] [--kind K] [--channel C]: a draft checked against the
// playbook's principles, reported the way a compiler reports code.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/check.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"

namespace kindly::cli {

namespace {

struct CheckOptions {
  std::string file;
  std::string for_id;
  std::string kind;
  std::string channel;
  std::vector<std::string> add_words;
  std::vector<std::string> remove_words;
  std::vector<std::string> disable;
  bool words = false;
};


/// A whole mail file (.eml, with MIME headers and an encoded body) is not a draft's text: its
/// lines and columns would point into encodings. Say how to get the text instead.
void refuse_whole_email(const std::string& text, const std::string& file) {
  std::size_t end = text.find("\n\n");
  if (end == std::string::npos) end = text.find("\r\n\r\n");
  std::string head = text.substr(0, end == std::string::npos ? std::min<std::size_t>(text.size(), 4096) : end);
  for (std::size_t pos = 0; pos < head.size();) {
    std::size_t nl = head.find('\n', pos);
    std::string_view line(head.data() + pos, (nl == std::string::npos ? head.size() : nl) - pos);
    if (line.size() >= 13 && (line.substr(0, 13) == "MIME-Version:" || line.substr(0, 13) == "mime-version:")) {
      throw_usage(file + " is a whole email file (.eml, with encoded headers and body), not the text of a draft",
                  "check the text itself: kindly draft ID -o draft.txt writes it as plain text (Subject: first); or "
                  "paste the message into a file");
    }
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
}

/// One line of the draft as it can be shown on a terminal: invalid UTF-8 and control characters
/// become one character each (so that columns still line up), tabs a space. Only the characters
/// from `from` (0-based) to `to` are kept.
std::string printable(std::string_view line, std::size_t from, std::size_t to) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < line.size() && chars < to;) {
    auto b = static_cast<unsigned char>(line[i]);
    std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = len > 0 && i + len <= line.size();
    for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(line[i + k]) & 0xC0) == 0x80;
    if (valid && len == 2 && b < 0xC2) valid = false;
    if (!valid) len = 1;
    if (chars >= from) {
      if (!valid) {
        out += "\xEF\xBF\xBD";
      } else if (b < 0x20 || b == 0x7F) {
        out += ' ';
      } else {
        out.append(line.substr(i, len));
      }
    }
    ++chars;
    i += len;
  }
  return out;
}

std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// The line of a diagnostic with a caret under its span; long lines are cut around the span.
std::string excerpt(std::string_view text, const check::Diagnostic& d) {
  std::size_t b = d.begin;
  while (b > 0 && text[b - 1] != '\n') --b;
  std::size_t e = text.find('\n', d.begin);
  if (e == std::string_view::npos) e = text.size();
  if (e > b && text[e - 1] == '\r') --e;
  std::string_view line = text.substr(b, e - b);
  std::size_t width = count_chars(line);
  auto col = static_cast<std::size_t>(d.column - 1);
  std::size_t len = d.end_line == d.line ? static_cast<std::size_t>(std::max(1, d.end_column - d.column)) : width - std::min(width, col);
  len = std::max<std::size_t>(len, 1);
  constexpr std::size_t kWidth = 100;
  std::size_t from = 0;
  if (width > kWidth && col > 30) from = std::min(col - 30, width > kWidth ? width - kWidth : 0);
  std::size_t to = std::min(width, from + kWidth);
  std::string shown = (from > 0 ? "…" : "") + printable(line, from, to) + (to < width ? "…" : "");
  std::size_t pad = col - from + (from > 0 ? 1 : 0);
  std::size_t marks = std::min(len, to > col ? to - col : 1);
  std::string caret = std::string(pad, ' ') + "^" + std::string(marks > 1 ? marks - 1 : 0, '~');
  return "    " + shown + "\n    " + caret + "\n";
}

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void list_words(Services& s) {
  auto words = read_words();
  if (s.output.json) {
    s.output.print_json({{"words", words}, {"file", words_path()}});
    return;
  }
  if (words.empty()) {
    s.output.out << "no personal words yet; add one with: kindly check --add-word WORD\n";
    return;
  }
  for (const auto& w : words) s.output.out << w << "\n";
}

void run_check(const CheckOptions& opts, Services& s) {
  bool word_action = !opts.add_words.empty() || !opts.remove_words.empty() || opts.words;
  if (!opts.add_words.empty()) {
    auto added = add_words(opts.add_words);
    if (!s.output.json) {
      std::vector<std::string> told;
      for (const auto& w : opts.add_words) {
        bool is_new = std::find(added.begin(), added.end(), w) != added.end() &&
                      std::find(told.begin(), told.end(), w) == told.end();
        told.push_back(w);
        s.output.err << "kindly: '" << w << "' " << (is_new ? "added to" : "is already in") << " your word list ("
                     << words_path() << ")\n";
      }
    }
  }
  if (!opts.remove_words.empty()) {
    auto removed = remove_words(opts.remove_words);
    if (!s.output.json) {
      for (const auto& w : opts.remove_words) {
        bool was = std::any_of(removed.begin(), removed.end(), [&](const std::string& x) {
          return x.size() == w.size() && std::equal(x.begin(), x.end(), w.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                 });
        });
        s.output.err << "kindly: '" << w << "' " << (was ? "removed from" : "was not in") << " your word list\n";
      }
    }
  }
  if (opts.words && opts.file.empty()) {
    list_words(s);
    return;
  }
  std::string file = opts.file;
  if (file.empty()) {
    if (word_action) return;
    if (::isatty(STDIN_FILENO))
      throw_usage("which draft? give a file, or - to read it from standard input",
                  "kindly check draft.txt, or: kindly draft acme | kindly check -");
    file = "-";
  }
  if (opts.words) list_words(s);

  const auto& pb = s.playbook();
  CheckSettings settings = read_check_settings(pb);
  CheckDraftRequest req;
  req.text = read_input(file);
  refuse_whole_email(req.text, file);
  req.kind = opts.kind;
  req.channel = opts.channel;
  req.for_id = opts.for_id;
  req.disabled = opts.disable;
  // Validate the options before opening anything.
  DraftChecker checker = make_draft_checker(pb);
  CheckDraftResult r = check_draft(&s.context(), pb, checker, settings, req);
  for (const auto& n : r.notes) s.output.notice(n);

  if (s.output.json) {
    Json diags = Json::array();
    for (const auto& d : r.diagnostics) {
      diags.push_back({{"rule", d.rule},
                       {"severity", std::string(check::to_string(d.severity))},
                       {"line", d.line},
                       {"column", d.column},
                       {"end_line", d.end_line},
                       {"end_column", d.end_column},
                       {"message", d.message},
                       {"suggestion", d.suggestion}});
    }
    s.output.print_json({{"diagnostics", diags},
                         {"summary", {{"errors", r.summary.errors}, {"warnings", r.summary.warnings}, {"infos", r.summary.infos}}}});
  } else {
    std::string name = file == "-" ? "<stdin>" : file;
    for (const auto& d : r.diagnostics) {
      s.output.out << name << ":" << d.line << ":" << d.column << ": " << check::to_string(d.severity) << ": "
                   << d.message << " [" << d.rule << "]\n";
      s.output.out << excerpt(req.text, d);
      if (!d.suggestion.empty()) s.output.out << "    suggestion: " << d.suggestion << "\n";
    }
    if (r.diagnostics.empty()) {
      s.output.out << name << ": no problems found\n";
    } else {
      s.output.out << name << ": " << plural(r.summary.errors, "error") << ", " << plural(r.summary.warnings, "warning")
                   << ", " << plural(r.summary.infos, "info") << "\n";
    }
  }
  if (r.summary.errors > 0) {
    throw Error(ErrorKind::conflict,
                (r.summary.errors == 1 ? std::string("1 error") : std::to_string(r.summary.errors) + " errors") +
                    " to fix before sending",
                "fix them and check again; a rule that is wrong for this draft can be silenced with "
                "'kindly:ignore RULE' in the text");
  }
}

}  // namespace

void setup_check(CLI::App& app, Services& s) {
  auto opts = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand("check", "Check a draft before it goes out, the way a compiler checks code.");
  cmd->add_option("FILE", opts->file, "the draft: a text file, or - for standard input")->option_text(" ");
  cmd->add_option("--for", opts->for_id,
                  "the opportunity the draft is for: checks the reason, the timing and the channel against "
                  "the tracker")
      ->type_name("ID");
  cmd->add_option("--kind", opts->kind,
                  "what the message does: decline-offer, withdraw-application, decline-interview, "
                  "rescind-acceptance, keep-in-touch, … (all of them below)")
      ->type_name("K");
  cmd->add_option("--channel", opts->channel, "email, phone, voicemail or linkedin (default: email)")->type_name("C");
  cmd->add_option("--disable", opts->disable, "skip a rule this time (repeatable), e.g. --disable door-closed")
      ->type_name("RULE");
  cmd->add_option("--add-word", opts->add_words, "add a word to your personal word list (repeatable)")->type_name("WORD");
  cmd->add_option("--remove-word", opts->remove_words, "remove a word from your personal word list (repeatable)")
      ->type_name("WORD");
  cmd->add_flag("--words", opts->words, "list your personal word list");
  cmd->footer(R"(Each problem is printed as FILE:LINE:COL: severity: message [rule], then the line with a caret
under the words and a suggestion. The exit code is 1 when there is an error, else 0.

A draft whose first line starts with 'Subject:' is an email. Without --kind, the rules about the
decision apply when the draft reads like a decline. The kinds: decline-offer, withdraw-application,
decline-interview, rescind-acceptance, decline-after-counteroffer, follow-up-after-call, referral,
keep-in-touch, repair, re-engage, ask-for-time, negotiate, defer, expedite.

Silence a rule for one draft with a line 'kindly:ignore RULE' (or for one line, at its end); turn
rules off for good in ~/.config/kindly/check.toml: disable = ["door-closed"]. The rules, their words
and thresholds: kindly playbook show check (a coach can override the file).

Examples:
  kindly check draft.txt --kind decline-offer
  kindly check reply.txt --for acme --json
  kindly check note.txt --channel linkedin --kind keep-in-touch
  kindly check --add-word Globex --add-word Kowalski
  kindly check --words)");
  cmd->callback([opts, &s] { run_check(*opts, s); });
}

}  // namespace kindly::cli
