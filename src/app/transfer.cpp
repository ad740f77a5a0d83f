// Import and export: kindly's JSON (a verbatim backup), kindly's CSV, and Huntr and JobSync CSV.
#include "app/transfer.h"

#include "app/compose_json.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "core/fields.h"
#include "core/ids.h"
#include "core/stage.h"
#include "core/suggest.h"
#include "export/csv.h"

namespace kindly {

namespace {

// ---------------------------------------------------------------------------------------------
// Small text helpers.

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Lower case, trimmed, inner runs of spaces collapsed: how status names are compared.
std::string fold(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : trim(s)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

// The message of an error with its hint, on one line: "base: 'x' is not … (hint)".
std::string message_of(const Error& e) {
  std::string m = e.what();
  if (!e.hint().empty()) m += " (" + e.hint() + ")";
  return m;
}

std::string file_name(const std::string& path) {
  auto name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

std::string read_whole_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorKind::io, "cannot import " + path + ": it is a folder",
                "give the file itself, e.g. kindly import " + path + "/export.json");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::io, "cannot read " + path + " (" + std::strerror(errno) + ")",
                "check the path and that you may read the file");
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    throw Error(ErrorKind::io, "cannot read " + path + " (" + std::strerror(errno) + ")");
  }
  return text;
}

// Line numbers from byte offsets, for JSON.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') m_newlines.push_back(i);
    }
  }
  std::size_t line_of(std::size_t offset) const {
    return static_cast<std::size_t>(std::lower_bound(m_newlines.begin(), m_newlines.end(), offset) -
                                    m_newlines.begin()) +
           1;
  }

 private:
  std::vector<std::size_t> m_newlines;
};

// Times in other tools' exports: ISO 8601 with or without milliseconds, a date, epoch seconds
// or milliseconds. Relative words are accepted too (they are what a user would type).
std::optional<Instant> parse_foreign_time(std::string_view raw, const ParseContext& pc,
                                          DayTime day_time = DayTime::start_of_day) {
  std::string s = trim(raw);
  if (s.empty()) return std::nullopt;
  if (auto t = parse_iso_utc(s)) return t;
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      (s.size() == 10 || s.size() == 13)) {
    long long v = std::stoll(s);
    if (s.size() == 13) v /= 1000;
    return Instant{std::chrono::seconds{v}};
  }
  // Drop fractional seconds: 2026-03-02T09:00:00.123Z → 2026-03-02T09:00:00Z.
  if (auto t = s.find('T'); t != std::string::npos) {
    if (auto dot = s.find('.', t); dot != std::string::npos) {
      std::size_t end = dot + 1;
      while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
      if (end > dot + 1) s.erase(dot, end - dot);
    }
  }
  return parse_when(s, pc.now, pc.tz, day_time);
}

// A field's canonical value from what a file holds; the stored form is taken as it is.
std::optional<std::string> field_value(const Field& f, std::string_view raw,
                                       const ParseContext& pc) {
  if (f.type == FieldType::when && raw.size() == 20 && parse_iso_utc(raw)) {
    return std::string(raw);
  }
  return parse_field(f, raw, pc);
}

const Field& field_named(std::string_view name) {
  const Field* f = find_field(name);
  if (!f) throw Error(ErrorKind::internal, "no field " + std::string(name));
  return *f;
}

// ---------------------------------------------------------------------------------------------
// Stage names of other tools.

struct StageRule {
  std::string_view name;       // folded
  std::optional<Stage> stage;  // nullopt: skip the row
  bool notice;                 // the mapping is a guess worth telling
};

// clang-format off
constexpr StageRule kHuntrStages[] = {
  {"wishlist", std::nullopt, true},
  {"applied", Stage::interviewing, true},
  {"interview", Stage::interviewing, false},   {"interviews", Stage::interviewing, false},
  {"interviewing", Stage::interviewing, false}, {"phone screen", Stage::interviewing, false},
  {"phone interview", Stage::interviewing, false}, {"screening", Stage::interviewing, false},
  {"technical interview", Stage::interviewing, false}, {"onsite", Stage::interviewing, false},
  {"on-site", Stage::interviewing, false},     {"final interview", Stage::interviewing, false},
  {"final round", Stage::interviewing, false},
  {"offer", Stage::offer, false},              {"offers", Stage::offer, false},
  {"offer received", Stage::offer, false},
  {"rejected", Stage::rejected, false},        {"rejection", Stage::rejected, false},
  {"accepted", Stage::accepted, false},        {"offer accepted", Stage::accepted, false},
  {"withdrawn", Stage::withdrawn, false},
  {"declined", Stage::declined, false},        {"offer declined", Stage::declined, false},
  {"ghosted", Stage::ghosted, false},
  {"archived", Stage::archived, false},
};

// JobSync's statuses (prisma/seed.ts in Gsync/jobsync, plus the two offer outcomes added later).
constexpr StageRule kJobSyncStages[] = {
  {"draft", std::nullopt, true},
  {"applied", Stage::interviewing, true},
  {"interview", Stage::interviewing, false},
  {"offer", Stage::offer, false},
  {"rejected", Stage::rejected, false},
  {"expired", Stage::ghosted, true},
  {"archived", Stage::archived, false},
  {"offer accepted", Stage::accepted, false},
  {"offer declined", Stage::declined, false},
};
// clang-format on

// --stage-map "NAME=STAGE": folded name → stage, or nullopt for "skip".
using StageMap = std::map<std::string, std::optional<Stage>>;

StageMap parse_stage_map(const std::vector<std::string>& words) {
  StageMap map;
  for (const auto& w : words) {
    auto eq = w.rfind('=');
    std::string name = eq == std::string::npos ? std::string() : fold(w.substr(0, eq));
    if (eq == std::string::npos || name.empty()) {
      throw_usage("--stage-map: expected NAME=STAGE, got " + in_quotes(w),
                  "for example: --stage-map \"Phone call=interviewing\" --stage-map Saved=skip");
    }
    std::string target = fold(w.substr(eq + 1));
    if (target == "skip") {
      map[name] = std::nullopt;
    } else if (auto s = parse_enum<Stage>(target, kStageNames)) {
      map[name] = *s;
    } else {
      throw_usage("--stage-map: " + in_quotes(w.substr(eq + 1)) + " is not a stage",
                  "use one of " + join_names(kStageNames) + ", or skip to leave those rows out");
    }
  }
  return map;
}

struct StageChoice {
  enum Kind { stage, skip, unknown } kind = unknown;
  Stage value = Stage::invited;
  bool notice = false;
  bool from_map = false;
};

StageChoice choose_stage(std::string_view raw, const StageMap& map,
                         std::span<const StageRule> rules) {
  std::string name = fold(raw);
  if (auto it = map.find(name); it != map.end()) {
    if (!it->second) return {StageChoice::skip, Stage::invited, false, true};
    return {StageChoice::stage, *it->second, false, true};
  }
  for (const auto& r : rules) {
    if (r.name != name) continue;
    if (!r.stage) return {StageChoice::skip, Stage::invited, r.notice, false};
    return {StageChoice::stage, *r.stage, r.notice, false};
  }
  if (auto s = parse_enum<Stage>(name, kStageNames)) return {StageChoice::stage, *s, false, false};
  return {};
}

std::string unknown_stage_message(std::string_view column, std::string_view raw) {
  return std::string(column) + " " + in_quotes(trim(raw)) +
         " is not a stage kindly knows: map it with --stage-map \"" + trim(raw) +
         "=STAGE\" (stages: " + join_names(kStageNames) + "; or skip)";
}

// ---------------------------------------------------------------------------------------------
// HTML descriptions (Huntr): tags stripped, entities decoded, whitespace collapsed, cut short.

constexpr std::size_t kDescriptionLimit = 300;

std::string html_to_text(std::string_view html) {
  std::string text;
  for (std::size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') {
      auto close = html.find('>', i);
      if (close == std::string_view::npos) break;
      text += ' ';
      i = close;
    } else if (c == '&') {
      auto semi = html.find(';', i);
      std::string_view entity =
          semi == std::string_view::npos || semi - i > 8 ? "" : html.substr(i + 1, semi - i - 1);
      static const std::map<std::string_view, std::string_view> kEntities = {
          {"amp", "&"}, {"lt", "<"},   {"gt", ">"},    {"quot", "\""}, {"apos", "'"},
          {"#39", "'"}, {"nbsp", " "}, {"ndash", "–"}, {"mdash", "—"}};
      std::string rep;
      if (auto it = kEntities.find(entity); it != kEntities.end()) {
        rep = it->second;
      } else if (entity.size() > 1 && entity[0] == '#' &&
                 std::isdigit(static_cast<unsigned char>(entity[1]))) {
        int code = std::atoi(std::string(entity.substr(1)).c_str());
        rep = code > 31 && code < 127 ? std::string(1, static_cast<char>(code)) : " ";
      }
      if (rep.empty()) {
        text += c;
      } else {
        text += rep;
        i = semi;
      }
    } else {
      text += c;
    }
  }
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > kDescriptionLimit) {
    std::size_t cut = kDescriptionLimit;
    // Not inside a UTF-8 sequence, and at a word boundary when there is one nearby.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    auto space_at = out.rfind(' ', cut);
    if (space_at != std::string::npos && space_at > kDescriptionLimit - 60) cut = space_at;
    out.resize(cut);
    out += "…";
  }
  return out;
}

// "$120,000" → USD, "€90k" → EUR, "GBP 70000" → GBP; empty when the text does not say.
std::string currency_in(std::string_view salary) {
  if (salary.find("€") != std::string_view::npos) return "EUR";
  if (salary.find("£") != std::string_view::npos) return "GBP";
  if (salary.find('$') != std::string_view::npos) return "USD";
  std::string s = trim(salary);
  auto code = [](std::string_view c) {
    return c.size() == 3 && std::all_of(c.begin(), c.end(), [](char x) {
             return std::isalpha(static_cast<unsigned char>(x));
           });
  };
  std::string out;
  if (s.size() > 4 && s[3] == ' ' && code(s.substr(0, 3))) out = s.substr(0, 3);
  if (s.size() > 4 && s[s.size() - 4] == ' ' && code(s.substr(s.size() - 3))) {
    out = s.substr(s.size() - 3);
  }
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing rows: unique ids, one transaction, an import log line each.

class RowSink {
 public:
  RowSink(Context& ctx, bool write, std::string source)
      : m_ctx(ctx), m_write(write), m_source(std::move(source)) {
    if (m_write) m_tx.emplace(ctx.store);
    for (auto& id : ctx.store.all_ids()) m_taken.insert(std::move(id));
  }

  bool taken(const std::string& id) const { return m_taken.count(id) > 0; }

  // The id for `o`: `wanted` when free, else made unique like `kindly add` (acme-2, acme-3, …).
  std::string claim_id(const std::string& wanted) {
    if (!taken(wanted)) {
      m_taken.insert(wanted);
      return wanted;
    }
    int& n = m_next_suffix.try_emplace(wanted, 2).first->second;
    std::string candidate;
    do {
      candidate = wanted + "-" + std::to_string(n++);
    } while (taken(candidate));
    m_taken.insert(candidate);
    return candidate;
  }

  // Stores one opportunity unless problems were found (then nothing will be committed anyway).
  void store(const Opportunity& o, std::size_t line, bool has_problems) {
    if (!m_write || has_problems) return;
    m_ctx.store.insert(o);
    LogEntry e;
    e.at = m_ctx.now();
    e.opportunity_id = o.id;
    e.kind = "import";
    e.text = "imported " + o.company + (o.role.empty() ? "" : ", " + o.role) + " at stage " +
             std::string(to_string(o.stage)) + " (" + m_source + ", line " + std::to_string(line) +
             ")";
    m_ctx.store.append_log(e);
  }

  void commit() {
    if (m_tx) m_tx->commit();
  }

 private:
  Context& m_ctx;
  bool m_write;
  std::string m_source;
  std::optional<WriteTransaction> m_tx;
  std::unordered_set<std::string> m_taken;
  std::unordered_map<std::string, int> m_next_suffix;
};

// One row being converted: where it is and what was said about it.
struct Row {
  const CsvRecord& record;
  ImportReport& report;
  std::size_t problems_before;

  void problem(std::string text) { report.problems.push_back({record.line, std::move(text)}); }
  void note(std::string text) { report.notes.push_back({record.line, std::move(text)}); }
  bool ok() const { return report.problems.size() == problems_before; }
};

// A file's column names → index, compared without case.
class Columns {
 public:
  Columns(const std::vector<std::string>& header, std::string_view empty_marker)
      : m_empty(empty_marker) {
    for (std::size_t i = 0; i < header.size(); ++i) m_index.emplace(fold(header[i]), i);
  }
  bool has(std::string_view name) const { return m_index.count(fold(name)) > 0; }
  // The trimmed cell, empty when the column is missing or holds the empty marker ("-", "N/A").
  std::string get(const CsvRecord& r, std::string_view name) const {
    auto it = m_index.find(fold(name));
    if (it == m_index.end() || it->second >= r.fields.size()) return {};
    std::string v = trim(r.fields[it->second]);
    if (!m_empty.empty() && v == m_empty) return {};
    return v;
  }

 private:
  std::map<std::string, std::size_t> m_index;
  std::string m_empty;
};

bool blank(const CsvRecord& r) {
  return std::all_of(r.fields.begin(), r.fields.end(), [](const std::string& f) {
    return std::all_of(f.begin(), f.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  });
}

std::string join_notes(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += '\n';
    out += p;
  }
  return out;
}

// Puts a field's value into `o`, or reports the problem on the row.
void put_field(Row& row, Opportunity& o, const Field& f, std::string_view raw,
               const ParseContext& pc) {
  try {
    f.put(o, field_value(f, raw, pc));
  } catch (const Error& e) {
    row.problem(message_of(e));
  }
}

// ---------------------------------------------------------------------------------------------
// kindly's CSV.

// "; this looks like a Huntr export: pass --format huntr" when the header says so.
std::string looks_like(std::string_view content, ImportFormat expected) {
  auto detected = detect_import_format("", content);
  if (detected == expected || detected == ImportFormat::json || detected == ImportFormat::csv) {
    return {};
  }
  const char* name = detected == ImportFormat::huntr ? "a Huntr export" : "a JobSync export";
  return "; this looks like " + std::string(name) + ": pass --format " +
         std::string(to_string(detected));
}

struct KindlyColumn {
  enum Kind { id, stage, created_at, updated_at, field } kind = field;
  const Field* f = nullptr;
};

std::vector<std::string> kindly_column_names() {
  std::vector<std::string> names = {"id", "stage"};
  for (const auto& f : opportunity_fields()) names.emplace_back(f.name);
  names.emplace_back("created_at");
  names.emplace_back("updated_at");
  return names;
}

// Reads the header; reports problems and returns nullopt when the rows cannot be read.
std::optional<std::vector<KindlyColumn>> kindly_header(const CsvRecord& header,
                                                       ImportReport& report,
                                                       std::string_view content) {
  std::vector<KindlyColumn> cols;
  std::set<std::string> seen;
  bool company = false;
  bool bad = false;
  const std::string hint_format = looks_like(content, ImportFormat::csv);
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = trim(header.fields[i]);
    std::string key = name;
    for (char& c : key)
      c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    KindlyColumn col;
    if (name.empty()) {
      report.problems.push_back({header.line, "column " + std::to_string(i + 1) +
                                                  " has no name: every column needs one"});
      bad = true;
      continue;
    }
    if (key == "id") {
      col.kind = KindlyColumn::id;
    } else if (key == "stage") {
      col.kind = KindlyColumn::stage;
    } else if (key == "created_at") {
      col.kind = KindlyColumn::created_at;
    } else if (key == "updated_at") {
      col.kind = KindlyColumn::updated_at;
    } else if (const Field* f = find_field(key)) {
      col.f = f;
      key = std::string(f->name);
      company = company || f->name == "company";
    } else {
      std::string hint = did_you_mean(name, kindly_column_names());
      report.problems.push_back(
          {header.line, "unknown column " + in_quotes(name) +
                            (hint.empty() ? " (the columns are id, stage, created_at, updated_at "
                                            "and the fields of 'kindly set --help')"
                                          : " (" + hint + ")") +
                            hint_format});
      bad = true;
      continue;
    }
    if (!seen.insert(key).second) {
      report.problems.push_back({header.line, "column " + in_quotes(name) + " appears twice"});
      bad = true;
    }
    cols.push_back(col);
  }
  if (!company && !bad) {
    report.problems.push_back(
        {header.line,
         "the header has no 'company' column: it needs at least company, and may "
         "have id, stage, role and any other field"});
    bad = true;
  }
  if (bad) return std::nullopt;
  return cols;
}

void kindly_row(Row& row, const std::vector<KindlyColumn>& cols, const StageMap& map,
                const ParseContext& pc, Opportunity& o, std::string& wanted_id) {
  bool created = false;
  bool updated = false;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const std::string& raw = row.record.fields[i];
    const KindlyColumn& c = cols[i];
    switch (c.kind) {
      case KindlyColumn::field:
        if (c.f->name == "company" && trim(raw).empty()) {
          row.problem("company: cannot be empty (give the employer)");
        } else {
          put_field(row, o, *c.f, raw, pc);
        }
        break;
      case KindlyColumn::id: {
        wanted_id = trim(raw);
        if (!wanted_id.empty() && slugify(wanted_id) != wanted_id) {
          row.problem(
              "id: " + in_quotes(wanted_id) +
              " is not an id (lower-case letters, digits and single '-', like " +
              in_quotes(slugify(wanted_id).empty() ? "acme-data-engineer" : slugify(wanted_id)) +
              "); leave it empty to make one from company and role");
        }
        break;
      }
      case KindlyColumn::stage: {
        if (trim(raw).empty()) break;
        auto choice = choose_stage(raw, map, {});
        if (choice.kind == StageChoice::unknown) {
          row.problem("stage: unknown stage " + in_quotes(trim(raw)) + " (stages are " +
                      join_names(kStageNames) + "; or map it with --stage-map \"" + trim(raw) +
                      "=STAGE\")");
        } else if (choice.kind == StageChoice::stage) {
          o.stage = choice.value;
        } else {
          row.problem("stage: " + in_quotes(trim(raw)) +
                      " is mapped to skip, which kindly's own CSV does not allow");
        }
        break;
      }
      case KindlyColumn::created_at:
      case KindlyColumn::updated_at: {
        std::string v = trim(raw);
        if (v.empty()) break;
        auto t = parse_foreign_time(v, pc);
        const char* name = c.kind == KindlyColumn::created_at ? "created_at" : "updated_at";
        if (!t) {
          row.problem(std::string(name) + ": cannot read " + in_quotes(v) +
                      " as a date (use 2026-03-06 or 2026-03-06T14:00:00Z)");
        } else if (c.kind == KindlyColumn::created_at) {
          o.created_at = *t;
          created = true;
        } else {
          o.updated_at = *t;
          updated = true;
        }
        break;
      }
    }
  }
  if (!created) o.created_at = pc.now;
  if (!updated) o.updated_at = pc.now;
}

// ---------------------------------------------------------------------------------------------
// Huntr board export.

// clang-format off
constexpr std::string_view kHuntrColumns[] = {
    "id", "createdAt", "title", "salary", "location", "url", "rootDomain", "htmlDescription",
    "deadline", "color", "lastMovedAt", "boardId", "boardName", "listId", "listName", "companyId",
    "companyName", "companyDomain", "creatorUserId", "creatorUserFirstName",
    "creatorUserLastName", "creatorUserEmail"};

// JobSync's export (src/app/api/jobs/export/route.ts); older versions wrote "Locations", newer
// ones add workplaceType.
constexpr std::string_view kJobSyncColumns[] = {
    "index", "createdAt", "applied", "appliedDate", "Company", "JobTitle", "jobType",
    "workplaceType", "Location", "Locations", "JobSource", "Status"};
// clang-format on

// Columns a file of another tool must have; unknown ones are noted once, not errors.
bool check_foreign_header(const CsvRecord& header, std::span<const std::string_view> known,
                          std::span<const std::string_view> required, ImportFormat format,
                          std::string_view content, ImportReport& report) {
  const std::string tool = format == ImportFormat::huntr ? "Huntr" : "JobSync";
  Columns cols(header.fields, "");
  bool ok = true;
  for (auto name : required) {
    if (!cols.has(name)) {
      report.problems.push_back({header.line, "the header has no " + in_quotes(name) +
                                                  " column, which a " + tool + " export has" +
                                                  looks_like(content, format)});
      ok = false;
    }
  }
  if (!ok) return false;
  for (const auto& h : header.fields) {
    bool is_known = std::any_of(known.begin(), known.end(),
                                [&](std::string_view k) { return fold(k) == fold(h); });
    if (!is_known && !trim(h).empty()) {
      report.notes.push_back({header.line, "column " + in_quotes(trim(h)) + " is not used"});
    }
  }
  return true;
}

// The URL as kindly stores it; "acme.com/jobs" gains https:// with a note.
void put_url(Row& row, Opportunity& o, const std::string& url, std::string_view column,
             std::vector<std::string>& notes) {
  if (url.empty()) return;
  if (valid_url(url)) {
    o.url = url;
  } else if (url.find('.') != std::string::npos && valid_url("https://" + url)) {
    o.url = "https://" + url;
    row.note(std::string(column) + " " + in_quotes(url) + " read as " + o.url);
  } else {
    notes.push_back("url: " + url);
    row.note(std::string(column) + " " + in_quotes(url) + " is not a web address; kept in notes");
  }
}

void put_text(Row& row, Opportunity& o, std::string_view field, const std::string& v,
              const ParseContext& pc) {
  if (!v.empty()) put_field(row, o, field_named(field), v, pc);
}

// Returns false when the row is skipped.
bool put_stage(Row& row, Opportunity& o, std::string_view column, const std::string& status,
               const StageMap& map, std::span<const StageRule> rules) {
  if (status.empty()) {
    row.problem(std::string(column) +
                " is empty: every row needs a status that maps to a kindly stage");
    return true;
  }
  auto choice = choose_stage(status, map, rules);
  switch (choice.kind) {
    case StageChoice::unknown:
      row.problem(unknown_stage_message(column, status));
      return true;
    case StageChoice::skip:
      ++row.report.skipped;
      if (choice.from_map) {
        row.note("skipped: " + std::string(column) + " " + in_quotes(status) + " (--stage-map)");
      } else {
        row.note("skipped: " + std::string(column) + " " + in_quotes(status) +
                 " (kindly tracks opportunities from the invitation on; to keep these, pass "
                 "--stage-map \"" +
                 status + "=invited\")");
      }
      return false;
    case StageChoice::stage:
      o.stage = choice.value;
      if (choice.notice) {
        row.note(std::string(column) + " " + in_quotes(status) + " imported as " +
                 std::string(to_string(choice.value)) + " (pass --stage-map \"" + status +
                 "=STAGE\" to choose another stage)");
      }
      return true;
  }
  return true;
}

// Sets created_at (and updated_at) from another tool's time; notes what cannot be read.
// updated_at is `updated` when it reads as a time, else the time of the import.
void put_times(Row& row, Opportunity& o, std::string_view column, const std::string& created,
               const std::string& updated, const ParseContext& pc) {
  o.created_at = o.updated_at = pc.now;
  if (!created.empty()) {
    if (auto t = parse_foreign_time(created, pc)) {
      o.created_at = *t;
    } else {
      row.note(std::string(column) + " " + in_quotes(created) +
               " is not a date; created_at is the time of the import");
    }
  }
  if (auto t = parse_foreign_time(updated, pc)) o.updated_at = *t;
  o.updated_at = std::max(o.updated_at, o.created_at);
}

bool huntr_row(Row& row, const Columns& cols, const StageMap& map, const ParseContext& pc,
               Opportunity& o) {
  const auto& r = row.record;
  std::vector<std::string> notes;
  if (!put_stage(row, o, "listName", cols.get(r, "listName"), map, kHuntrStages)) return false;
  std::string company = cols.get(r, "companyName");
  if (company.empty()) row.problem("companyName is empty: every job needs a company");
  put_text(row, o, "company", company, pc);
  put_text(row, o, "role", cols.get(r, "title"), pc);
  put_text(row, o, "location", cols.get(r, "location"), pc);
  put_url(row, o, cols.get(r, "url"), "url", notes);

  std::string salary = cols.get(r, "salary");
  if (!salary.empty()) {
    try {
      std::string currency = currency_in(salary);
      std::string amount = salary;
      if (!currency.empty() && fold(amount).ends_with(" " + fold(currency))) {
        amount.resize(amount.size() - 4);  // "90000 EUR": parse_field reads only a leading code
      }
      o.base = std::stoll(*parse_field(field_named("base"), amount, pc));
      o.currency = currency;
    } catch (const Error&) {
      notes.push_back("salary: " + salary);
      row.note("salary " + in_quotes(salary) + " is not a single amount; kept in notes");
    }
  }
  std::string deadline = cols.get(r, "deadline");
  if (!deadline.empty()) {
    bool offer = o.stage == Stage::offer || o.stage == Stage::negotiating;
    auto t = parse_foreign_time(deadline, pc, DayTime::end_of_day);
    if (offer && t) {
      o.offer_deadline = *t;
    } else {
      notes.push_back("deadline: " + deadline);
      row.note(t ? "deadline " + in_quotes(deadline) + " kept in notes: offer_deadline is for " +
                       "offers and this job is at stage " + std::string(to_string(o.stage))
                 : "deadline " + in_quotes(deadline) + " is not a date; kept in notes");
    }
  }
  put_times(row, o, "createdAt", cols.get(r, "createdAt"), cols.get(r, "lastMovedAt"), pc);
  std::string description = html_to_text(cols.get(r, "htmlDescription"));
  if (!description.empty()) notes.push_back("description: " + description);
  put_text(row, o, "notes", join_notes(notes), pc);
  return true;
}

// ---------------------------------------------------------------------------------------------
// JobSync export.

bool jobsync_row(Row& row, const Columns& cols, const StageMap& map, const ParseContext& pc,
                 Opportunity& o) {
  const auto& r = row.record;
  std::vector<std::string> notes;
  if (!put_stage(row, o, "Status", cols.get(r, "Status"), map, kJobSyncStages)) return false;
  std::string company = cols.get(r, "Company");
  if (company.empty()) row.problem("Company is empty: every job needs a company");
  put_text(row, o, "company", company, pc);
  put_text(row, o, "role", cols.get(r, "JobTitle"), pc);
  std::string location = cols.get(r, "Location");
  if (location.empty()) location = cols.get(r, "Locations");
  put_text(row, o, "location", location, pc);

  std::string mode = fold(cols.get(r, "workplaceType"));
  if (mode == "remote") {
    o.work_mode = WorkMode::remote;
  } else if (mode == "hybrid") {
    o.work_mode = WorkMode::hybrid;
  } else if (mode == "on-site" || mode == "onsite" || mode == "on site") {
    o.work_mode = WorkMode::onsite;
  } else if (!mode.empty()) {
    row.problem("workplaceType " + in_quotes(cols.get(r, "workplaceType")) +
                " is not Remote, Hybrid or On-site");
  }

  std::string source = cols.get(r, "JobSource");
  if (auto s = parse_enum<Source>(source, kSourceNames); s && *s != Source::direct) {
    o.source = *s;
  } else if (!source.empty()) {
    notes.push_back("source: " + source);
    row.note("JobSource " + in_quotes(source) +
             " kept in notes (kindly's sources are recruiter, referral, internal and direct)");
  }
  std::string job_type = cols.get(r, "jobType");
  if (!job_type.empty() && fold(job_type) != "unknown") notes.push_back("job type: " + job_type);
  std::string applied = cols.get(r, "appliedDate");
  if (!applied.empty()) notes.push_back("applied: " + applied);
  put_times(row, o, "createdAt", cols.get(r, "createdAt"), "", pc);
  put_text(row, o, "notes", join_notes(notes), pc);
  return true;
}

// ---------------------------------------------------------------------------------------------
// The CSV import loop shared by kindly's CSV, Huntr and JobSync.

// How a file's rows are read once its header has been checked.
struct CsvReading {
  std::vector<std::string> header;
  std::optional<std::vector<KindlyColumn>> kindly_cols;  // kindly's CSV
  std::optional<Columns> foreign;                        // Huntr, JobSync
};

// Checks the header; false when the rows cannot be read (the report says why).
bool read_header(const CsvRecord& header, ImportFormat format, std::string_view content,
                 ImportReport& report, CsvReading& reading) {
  reading.header = header.fields;
  if (format == ImportFormat::csv) {
    reading.kindly_cols = kindly_header(header, report, content);
    return reading.kindly_cols.has_value();
  }
  if (format == ImportFormat::huntr) {
    if (!check_foreign_header(header, kHuntrColumns,
                              std::array<std::string_view, 2>{"companyName", "listName"},
                              ImportFormat::huntr, content, report)) {
      return false;
    }
    reading.foreign.emplace(header.fields, "-");
    return true;
  }
  if (!check_foreign_header(header, kJobSyncColumns,
                            std::array<std::string_view, 2>{"Company", "Status"},
                            ImportFormat::jobsync, content, report)) {
    return false;
  }
  reading.foreign.emplace(header.fields, "N/A");
  return true;
}

// Thrown from the record callback to stop reading after a bad header.
struct StopReading {};

// Streams the records (nothing but the file's text is held in memory), one transaction.
void import_csv_rows(Context& ctx, const ImportRequest& req, ImportFormat format,
                     const std::string& content, const ImportProgress& progress,
                     ImportReport& report) {
  const StageMap map = parse_stage_map(req.stage_map);
  const ParseContext pc = ctx.parse_context();
  // Progress needs the number of rows up front: a counting pass, only when someone listens.
  std::size_t total = 0;
  if (progress) {
    read_csv(content, [&](const CsvRecord&) { ++total; });
    total = total > 0 ? total - 1 : 0;
  }
  CsvReading reading;
  std::optional<RowSink> sink;
  std::size_t done = 0;
  bool header_seen = false;

  auto on_row = [&](const CsvRecord& rec) {
    if (progress) progress(done, total);
    ++done;
    if (blank(rec)) return;
    ++report.rows;
    Row row{rec, report, report.problems.size()};
    const std::size_t notes_before = report.notes.size();
    if (rec.fields.size() != reading.header.size()) {
      row.problem(std::to_string(rec.fields.size()) +
                  (rec.fields.size() == 1 ? " field" : " fields") + ", but the header has " +
                  std::to_string(reading.header.size()) +
                  " columns (a value with a comma or a line break needs double quotes)");
      return;
    }
    Opportunity o;
    std::string wanted_id;
    bool keep = true;
    if (format == ImportFormat::csv) {
      kindly_row(row, *reading.kindly_cols, map, pc, o, wanted_id);
    } else if (format == ImportFormat::huntr) {
      keep = huntr_row(row, *reading.foreign, map, pc, o);
    } else {
      keep = jobsync_row(row, *reading.foreign, map, pc, o);
    }
    if (!row.ok()) report.notes.resize(notes_before);  // the problems say enough
    if (!keep || !row.ok()) return;
    std::string base = wanted_id.empty() ? make_id(o.company, o.role) : wanted_id;
    o.id = sink->claim_id(base);
    if (!wanted_id.empty() && o.id != wanted_id) {
      row.note("id " + in_quotes(wanted_id) + " is taken; imported as " + in_quotes(o.id));
    }
    sink->store(o, rec.line, !report.problems.empty());
    ++report.imported;
  };

  std::optional<CsvError> error;
  try {
    error = read_csv(content, [&](const CsvRecord& rec) {
      if (header_seen) return on_row(rec);
      header_seen = true;
      if (!read_header(rec, format, content, report, reading)) throw StopReading{};
      sink.emplace(ctx, !req.dry_run, file_name(req.path));  // the transaction starts here
    });
  } catch (const StopReading&) {
    return;
  }
  if (!header_seen) {
    report.problems.push_back(
        error ? ImportMessage{error->line, error->message}
              : ImportMessage{0, "the file is empty: expected a header line and rows"});
    return;
  }
  if (progress) progress(total, total);
  if (error) report.problems.push_back({error->line, error->message});
  if (report.problems.empty()) sink->commit();
}

// ---------------------------------------------------------------------------------------------
// kindly's JSON export.

// Remembers where values and keys start while nlohmann's SAX parser reads the text, for the
// elements that have problems (so that "opportunities[3].base" becomes a line number).
class Locator final : public nlohmann::json_sax<Json> {
 public:
  Locator(const char* begin, const char* const* cursor, const std::set<std::string>& wanted)
      : m_begin(begin), m_cursor(cursor), m_wanted(wanted) {}

  std::map<std::string, std::size_t> offsets;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override {
    value();
    m_stack.push_back({false, {}, 0});
    return true;
  }
  bool end_object() override {
    m_stack.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    value();
    m_stack.push_back({true, {}, 0});
    return true;
  }
  bool end_array() override {
    m_stack.pop_back();
    return true;
  }
  bool key(string_t& k) override {
    m_stack.back().key = k;
    if (m_stack.size() == 1) {
      record(k);  // top-level keys, for unknown ones
    } else if (m_stack.size() <= 3) {
      std::string element = path(m_stack.size() - 1);
      if (m_wanted.count(element)) record(element + "." + k);
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  struct Level {
    bool array;
    std::string key;
    std::size_t count;
  };

  // The path of the container levels [0, depth): "opportunities[3]".
  std::string path(std::size_t depth) const {
    std::string p;
    for (std::size_t i = 0; i < depth; ++i) {
      if (m_stack[i].array) {
        p += "[" + std::to_string(m_stack[i].count - 1) + "]";
      } else {
        if (!p.empty()) p += '.';
        p += m_stack[i].key;
      }
    }
    return p;
  }

  bool value() {
    if (!m_stack.empty() && m_stack.back().array) ++m_stack.back().count;
    if (m_stack.size() == 1 || m_stack.size() == 2) {
      std::string p = path(m_stack.size());
      if (m_wanted.count(p)) record(p);
    }
    return true;
  }

  void record(const std::string& p) {
    offsets.emplace(p, static_cast<std::size_t>(*m_cursor - m_begin));
  }

  const char* m_begin;
  const char* const* m_cursor;
  const std::set<std::string>& m_wanted;
  std::vector<Level> m_stack;
};

// A char iterator that tells the Locator how far the parser has read.
class TrackingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* p, const char** cursor) : m_p(p), m_cursor(cursor) {}
  reference operator*() const {
    *m_cursor = m_p;
    return *m_p;
  }
  TrackingIterator& operator++() {
    ++m_p;
    return *this;
  }
  TrackingIterator operator++(int) {
    auto old = *this;
    ++m_p;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return m_p == o.m_p; }
  bool operator!=(const TrackingIterator& o) const { return m_p != o.m_p; }

 private:
  const char* m_p = nullptr;
  const char** m_cursor = nullptr;
};

// A problem with a JSON element, before its line is known.
struct JsonProblem {
  std::string element;  // "opportunities[3]", "profile", or a top-level key
  std::string message;
};

// The key a message from json.h is about: "opportunities[3].base: …" → "base".
std::string key_in(const std::string& element, const std::string& message) {
  if (message.starts_with(element + ".")) {
    std::size_t i = element.size() + 1;
    std::size_t j = i;
    while (j < message.size() && (std::isalnum(static_cast<unsigned char>(message[j])) ||
                                  message[j] == '_' || message[j] == '-'))
      ++j;
    return message.substr(i, j - i);
  }
  auto at = message.find("unknown field '");
  if (at != std::string::npos) {
    auto start = at + 15;
    auto end = message.find('\'', start);
    if (end != std::string::npos) return message.substr(start, end - start);
  }
  return {};
}

void resolve_json_lines(const std::string& content, const std::vector<JsonProblem>& pending,
                        ImportReport& report) {
  std::set<std::string> wanted;
  for (const auto& p : pending) wanted.insert(p.element);
  const char* cursor = content.data();
  Locator locator(content.data(), &cursor, wanted);
  TrackingIterator first(content.data(), &cursor);
  TrackingIterator last(content.data() + content.size(), &cursor);
  Json::sax_parse(first, last, &locator);
  LineIndex lines(content);
  for (const auto& p : pending) {
    std::size_t line = 1;
    std::string key = key_in(p.element, p.message);
    auto it = key.empty() ? locator.offsets.end() : locator.offsets.find(p.element + "." + key);
    if (it == locator.offsets.end()) it = locator.offsets.find(p.element);
    if (it != locator.offsets.end()) line = lines.line_of(it->second);
    report.problems.push_back({line, p.message});
  }
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const ImportMessage& a, const ImportMessage& b) { return a.line < b.line; });
}

// Runs `f` and turns a usage error into a problem of `element`.
template <typename F>
void checked(std::vector<JsonProblem>& problems, const std::string& element, F&& f) {
  try {
    f();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::usage) throw;
    problems.push_back({element, message_of(e)});
  }
}

void import_json(Context& ctx, const ImportRequest& req, const std::string& content,
                 const ImportProgress& progress, ImportReport& report) {
  if (!req.stage_map.empty()) {
    throw_usage("--stage-map does not apply to a kindly JSON export",
                "its stages are kindly's already; leave --stage-map out");
  }
  Json doc;
  try {
    doc = Json::parse(content);
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    auto col = what.find("column ");
    auto colon = col == std::string::npos ? std::string::npos : what.find(": ", col);
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    LineIndex lines(content);
    std::size_t line = lines.line_of(e.byte == 0 ? 0 : e.byte - 1);
    report.problems.push_back({line, "not valid JSON: " + detail});
    return;
  }
  const std::string not_export =
      "not a kindly export: expected an object with \"kindly_export\": 1 (made by 'kindly "
      "export'); for other data, import a CSV with a company column";
  if (!doc.is_object() || !doc.contains("kindly_export")) {
    report.problems.push_back({1, not_export});
    return;
  }
  if (!doc["kindly_export"].is_number_integer() || doc["kindly_export"].get<long long>() != 1) {
    report.problems.push_back(
        {1, "kindly_export is " + doc["kindly_export"].dump() +
                ": this kindly reads version 1 (was it written by a newer kindly? upgrade)"});
    return;
  }
  if (!ctx.store.empty()) {
    throw Error(ErrorKind::conflict,
                "cannot import " + req.path +
                    ": a JSON export restores a whole database, and this one is not empty",
                "import into a new database: kindly --db new.db import " + req.path +
                    " (or move the current one away after 'kindly export -o backup.json')");
  }

  std::vector<JsonProblem> pending;
  Profile profile;
  std::vector<Opportunity> opportunities;
  std::vector<Contact> contacts;
  std::vector<LogEntry> log;
  auto array_of = [&](const char* key) -> const Json* {
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      pending.push_back({key, std::string(key) + ": expected a list"});
      return nullptr;
    }
    return &*it;
  };
  for (const auto& [key, value] : doc.items()) {
    if (key != "kindly_export" && key != "profile" && key != "opportunities" && key != "contacts" &&
        key != "log" && key != "assessments" && key != "scores" && key != "messages") {
      pending.push_back({key, "unknown key " + in_quotes(key) +
                                  " (a kindly export has profile, opportunities, contacts, log, "
                                  "assessments, scores, messages)"});
    }
  }
  if (auto it = doc.find("profile"); it != doc.end() && !it->is_null()) {
    checked(pending, "profile", [&] {
      profile = profile_from_json(*it, "profile");
      try {
        if (!profile.timezone.empty()) find_zone(profile.timezone);
      } catch (const Error& e) {
        throw_usage("profile.timezone: " + std::string(e.what()), e.hint());
      }
    });
  }
  const Json* opps = array_of("opportunities");
  const Json* cons = array_of("contacts");
  const Json* logs = array_of("log");
  const Json* assess = array_of("assessments");
  const Json* score_list = array_of("scores");
  const Json* message_list = array_of("messages");
  std::vector<Assessment> assessments;
  std::vector<Score> scores;
  std::vector<SavedMessage> messages;
  const std::size_t total = opps ? opps->size() : 0;
  std::map<std::string, std::size_t> ids;
  if (opps) {
    for (std::size_t i = 0; i < opps->size(); ++i) {
      std::string where = "opportunities[" + std::to_string(i) + "]";
      checked(pending, where, [&] {
        Opportunity o = opportunity_from_json((*opps)[i], where);
        if (auto [it, fresh] = ids.emplace(o.id, i); !fresh) {
          throw_usage(where + ".id: " + in_quotes(o.id) + " appears twice (also opportunities[" +
                      std::to_string(it->second) + "])");
        }
        if (slugify(o.id) != o.id) {
          throw_usage(where + ".id: " + in_quotes(o.id) +
                      " is not an id (lower-case letters, digits and single '-')");
        }
        opportunities.push_back(std::move(o));
      });
    }
  }
  if (cons) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < cons->size(); ++i) {
      std::string where = "contacts[" + std::to_string(i) + "]";
      checked(pending, where, [&] {
        Contact c = contact_from_json((*cons)[i], where);
        if (c.id < 1) throw_usage(where + ".id: expected a whole number of 1 or more");
        if (!seen.insert(c.id).second) {
          throw_usage(where + ".id: " + std::to_string(c.id) + " appears twice");
        }
        if (!ids.count(c.opportunity_id)) {
          throw_usage(where + ".opportunity_id: no opportunity " + in_quotes(c.opportunity_id) +
                      " in this file");
        }
        contacts.push_back(std::move(c));
      });
    }
  }
  if (logs) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < logs->size(); ++i) {
      std::string where = "log[" + std::to_string(i) + "]";
      checked(pending, where, [&] {
        LogEntry e = log_from_json((*logs)[i], where);
        if (e.id < 1) throw_usage(where + ".id: expected a whole number of 1 or more");
        if (!seen.insert(e.id).second) {
          throw_usage(where + ".id: " + std::to_string(e.id) + " appears twice");
        }
        log.push_back(std::move(e));
      });
    }
  }
  if (assess) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < assess->size(); ++i) {
      std::string where = "assessments[" + std::to_string(i) + "]";
      checked(pending, where, [&] {
        Assessment a = assessment_from_json((*assess)[i], where);
        if (!seen.insert(a.id).second) throw_usage(where + ".id: " + std::to_string(a.id) + " appears twice");
        if (!ids.count(a.opportunity_id)) {
          throw_usage(where + ".opportunity_id: no opportunity " + in_quotes(a.opportunity_id) + " in this file");
        }
        assessments.push_back(std::move(a));
      });
    }
  }
  if (score_list) {
    for (std::size_t i = 0; i < score_list->size(); ++i) {
      std::string where = "scores[" + std::to_string(i) + "]";
      checked(pending, where, [&] {
        Score sc = score_from_json((*score_list)[i], where);
        if (!ids.count(sc.opportunity_id)) {
          throw_usage(where + ".opportunity_id: no opportunity " + in_quotes(sc.opportunity_id) + " in this file");
        }
        scores.push_back(std::move(sc));
      });
    }
  }
  if (message_list) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < message_list->size(); ++i) {
      std::string where = "messages[" + std::to_string(i) + "]";
      checked(pending, where, [&] {
        SavedMessage m = saved_message_from_json((*message_list)[i], where);
        if (m.id > 0 && !seen.insert(m.id).second) throw_usage(where + ".id: " + std::to_string(m.id) + " appears twice");
        if (!ids.count(m.opportunity_id)) {
          throw_usage(where + ".opportunity_id: no opportunity " + in_quotes(m.opportunity_id) + " in this file");
        }
        messages.push_back(std::move(m));
      });
    }
  }
  report.rows = total;
  if (!pending.empty()) {
    resolve_json_lines(content, pending, report);
    return;
  }
  const bool has_profile = to_json(profile) != to_json(Profile{});
  report.imported = opportunities.size();
  report.contacts = contacts.size();
  report.log_entries = log.size();
  report.profile = has_profile;
  if (req.dry_run) {
    if (progress) progress(total, total);
    return;
  }
  WriteTransaction tx(ctx.store);
  if (!ctx.store.empty()) {
    throw Error(ErrorKind::conflict,
                "cannot import " + req.path + ": another kindly wrote to the database meanwhile",
                "import into a new database: kindly --db new.db import " + req.path);
  }
  if (has_profile) ctx.store.save_profile(profile);
  for (std::size_t i = 0; i < opportunities.size(); ++i) {
    ctx.store.insert(opportunities[i]);
    if (progress) progress(i + 1, total);
  }
  for (const auto& c : contacts) ctx.store.add_contact(c);
  for (const auto& e : log) ctx.store.append_log(e);
  for (const auto& a : assessments) ctx.store.add_assessment(a);
  for (const auto& sc : scores) ctx.store.set_score(sc.opportunity_id, sc.criterion, sc.score);
  for (const auto& m : messages) ctx.store.add_message(m);
  tx.commit();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public functions.

std::string export_json(Context& ctx) {
  Json j;
  j["kindly_export"] = 1;
  j["profile"] = to_json(ctx.store.profile());
  Json opps = Json::array();
  for (const auto& o : ctx.store.list({Scope::all, std::nullopt})) opps.push_back(to_json(o));
  j["opportunities"] = std::move(opps);
  Json contacts = Json::array();
  for (const auto& c : ctx.store.contacts("")) contacts.push_back(to_json(c));
  j["contacts"] = std::move(contacts);
  Json log = Json::array();
  for (const auto& e : ctx.store.log("", 0)) log.push_back(to_json(e));
  j["log"] = std::move(log);
  Json assessments = Json::array();
  for (const auto& a : ctx.store.assessments("")) assessments.push_back(to_json(a));
  j["assessments"] = std::move(assessments);
  Json scores = Json::array();
  for (const auto& sc : ctx.store.all_scores()) scores.push_back(to_json(sc));
  j["scores"] = std::move(scores);
  Json messages = Json::array();
  for (const auto& m : ctx.store.messages("")) messages.push_back(to_json(m));
  j["messages"] = std::move(messages);
  return j.dump(2) + "\n";
}

std::string export_csv(Context& ctx) {
  std::string out;
  std::vector<std::string> row = kindly_column_names();
  append_csv_record(out, row);
  for (const auto& o : ctx.store.list({Scope::all, std::nullopt})) {
    std::size_t i = 0;
    row[i++] = o.id;
    row[i++] = std::string(to_string(o.stage));
    for (const auto& f : opportunity_fields()) row[i++] = f.get(o).value_or("");
    row[i++] = format_iso_utc(o.created_at);
    row[i++] = format_iso_utc(o.updated_at);
    append_csv_record(out, row);
  }
  return out;
}

std::string_view to_string(ImportFormat f) {
  switch (f) {
    case ImportFormat::json:
      return "json";
    case ImportFormat::csv:
      return "csv";
    case ImportFormat::huntr:
      return "huntr";
    case ImportFormat::jobsync:
      return "jobsync";
  }
  return "csv";
}

ImportFormat parse_import_format(std::string_view name) {
  std::string n = fold(name);
  for (auto f :
       {ImportFormat::json, ImportFormat::csv, ImportFormat::huntr, ImportFormat::jobsync}) {
    if (n == to_string(f)) return f;
  }
  throw_usage("--format: unknown format " + in_quotes(name),
              "accepted: json, csv, huntr or jobsync (or leave it out to detect it)");
}

ImportFormat detect_import_format(std::string_view path, std::string_view content) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".json") return ImportFormat::json;
  std::string_view body = content;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  auto first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (body[first] == '{' || body[first] == '[')) {
    return ImportFormat::json;
  }
  auto nl = body.find('\n');
  auto header = read_csv(body.substr(0, nl == std::string_view::npos ? body.size() : nl + 1));
  if (header.records.empty()) return ImportFormat::csv;
  Columns cols(header.records.front().fields, "");
  if (cols.has("listName") && cols.has("companyName")) return ImportFormat::huntr;
  if (cols.has("JobTitle") && cols.has("Status") && cols.has("Company")) {
    return ImportFormat::jobsync;
  }
  return ImportFormat::csv;
}

Json to_json(const ImportReport& r) {
  auto messages = [](const std::vector<ImportMessage>& list) {
    Json a = Json::array();
    for (const auto& m : list) a.push_back({{"line", m.line}, {"text", m.text}});
    return a;
  };
  Json j;
  j["file"] = r.path;
  j["format"] = std::string(to_string(r.format));
  j["dry_run"] = r.dry_run;
  j["ok"] = r.ok();
  j["rows"] = r.rows;
  j["imported"] = r.ok() ? r.imported : 0;
  j["skipped"] = r.skipped;
  j["contacts"] = r.ok() ? r.contacts : 0;
  j["log_entries"] = r.ok() ? r.log_entries : 0;
  j["profile"] = r.ok() && r.profile;
  j["notes"] = messages(r.notes);
  j["problems"] = messages(r.problems);
  return j;
}

ImportReport import_file(Context& ctx, const ImportRequest& req, const ImportProgress& progress) {
  ImportReport report;
  report.path = req.path;
  report.dry_run = req.dry_run;
  std::optional<ImportFormat> format;
  if (!req.format.empty()) format = parse_import_format(req.format);
  if (!req.stage_map.empty()) parse_stage_map(req.stage_map);  // bad options before the file
  std::string content = read_whole_file(req.path);
  report.format = format ? *format : detect_import_format(req.path, content);
  if (report.format == ImportFormat::json) {
    import_json(ctx, req, content, progress, report);
  } else {
    import_csv_rows(ctx, req, report.format, content, progress, report);
  }
  if (!report.ok()) report.imported = 0;
  return report;
}

}  // namespace kindly
