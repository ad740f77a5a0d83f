// CSV reading with libcsv, fed line by line so that every record knows where it starts.
#include "export/csv.h"

#include <csv.h>

#include <exception>

namespace kindly {

namespace {

// libcsv's parser states (libcsv.c); the struct is public, these names are not.
constexpr int kRowNotBegun = 0;
constexpr int kFieldBegun = 2;
constexpr int kFieldMightHaveEnded = 3;

// RFC 4180: spaces belong to the field; libcsv trims them unless told otherwise.
int no_space(unsigned char) { return 0; }

struct ReadState {
  const std::function<void(const CsvRecord&)>* on_record = nullptr;
  CsvRecord record;
  std::size_t count = 0;         // fields of the current record so far
  std::size_t line = 0;          // the line being fed
  std::size_t record_start = 1;  // where the current record starts
  std::exception_ptr failure;    // thrown by on_record; libcsv is C and must not unwind
};

void on_field(void* data, std::size_t size, void* state_ptr) {
  auto& st = *static_cast<ReadState*>(state_ptr);
  if (st.failure) return;
  const char* text = static_cast<const char*>(data);
  if (st.count < st.record.fields.size()) {
    st.record.fields[st.count].assign(text ? text : "", text ? size : 0);
  } else {
    st.record.fields.emplace_back(text ? text : "", text ? size : 0);
  }
  ++st.count;
}

void on_record_end(int, void* state_ptr) {
  auto& st = *static_cast<ReadState*>(state_ptr);
  if (!st.failure) {
    st.record.fields.resize(st.count);
    st.record.line = st.record_start;
    try {
      (*st.on_record)(st.record);
    } catch (...) {
      st.failure = std::current_exception();
    }
  }
  st.count = 0;
  // A record may end with a lone CR in the middle of a line; the next one starts there.
  st.record_start = st.line;
}

// RAII for the parser.
class Parser {
 public:
  Parser() {
    if (csv_init(&m_p, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
    csv_set_space_func(&m_p, no_space);
  }
  ~Parser() { csv_free(&m_p); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  csv_parser* get() { return &m_p; }

 private:
  csv_parser m_p{};
};

CsvError parse_error(csv_parser* p, std::size_t line) {
  if (csv_error(p) == CSV_ENOMEM || csv_error(p) == CSV_ETOOBIG) {
    return {line, "a field is too large to read"};
  }
  if (p->pstate == kFieldMightHaveEnded) {
    return {line,
            "text after the closing quote of a field: a field in quotes must end at the quote "
            "(write a quote inside it as \"\")"};
  }
  if (p->pstate == kFieldBegun && !p->quoted) {
    return {line,
            "a quote inside a field that does not start with one: put the whole field in quotes "
            "and double the quotes inside it (\"say \"\"hi\"\"\")"};
  }
  return {line, std::string("not valid CSV (") + csv_strerror(csv_error(p)) + ")"};
}

}  // namespace

std::optional<CsvError> read_csv(std::string_view text,
                                 const std::function<void(const CsvRecord&)>& on_record) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Parser parser;
  csv_parser* p = parser.get();
  ReadState st;
  st.on_record = &on_record;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    ++st.line;
    if (p->pstate == kRowNotBegun) st.record_start = st.line;
    std::size_t n = end - pos;
    std::size_t done = csv_parse(p, text.data() + pos, n, on_field, on_record_end, &st);
    if (st.failure) std::rethrow_exception(st.failure);
    if (done != n) return parse_error(p, st.line);
    pos = end;
  }
  if (csv_fini(p, on_field, on_record_end, &st) != 0) {
    if (st.failure) std::rethrow_exception(st.failure);
    return CsvError{st.record_start,
                    "a quoted field that starts in this record is never closed: add the "
                    "closing quote"};
  }
  if (st.failure) std::rethrow_exception(st.failure);
  return std::nullopt;
}

CsvTable read_csv(std::string_view text) {
  CsvTable table;
  table.error = read_csv(text, [&](const CsvRecord& r) { table.records.push_back(r); });
  return table;
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out;
  out.reserve(field.size() + 2);
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void append_csv_record(std::string& out, std::span<const std::string> fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    if (fields[i].find_first_of(",\"\r\n") == std::string::npos) {
      out += fields[i];
    } else {
      out += csv_field(fields[i]);
    }
  }
  out += '\n';
}

}  // namespace kindly
