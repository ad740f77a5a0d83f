// Micro benchmarks of the hot pure functions and of the store (Google Benchmark).
// Run: build/kindly_bench, or `make bench` (bench/run.py runs it after the whole-process times).
// Not a test: nothing here is asserted, and ctest does not run it.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"
#include "core/fields.h"
#include "core/ids.h"
#include "core/suggest.h"
#include "store/sqlite_store.h"

namespace kindly {
namespace {

namespace fs = std::filesystem;

const date::time_zone* berlin() {
  static const date::time_zone* tz = find_zone("Europe/Berlin");
  return tz;
}

Instant now() {
  static const Instant t = *parse_iso_utc("2026-03-02T09:00:00Z");
  return t;
}

// --- Dates ---------------------------------------------------------------------------------------

constexpr std::array<std::string_view, 8> kWhen = {"2026-03-06",
                                                   "2026-03-06 14:00",
                                                   "2026-03-06T14:00:00+01:00",
                                                   "friday",
                                                   "next friday 17:00",
                                                   "in 2 weeks",
                                                   "3 days ago",
                                                   "+3d"};

void BM_ParseWhen(benchmark::State& state) {
  std::string_view text = kWhen[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(std::string(text));
  berlin();  // the zone database is loaded once per process, not per parse
  for (auto _ : state) {
    benchmark::DoNotOptimize(parse_when(text, now(), berlin(), DayTime::end_of_day));
  }
}
BENCHMARK(BM_ParseWhen)->DenseRange(0, static_cast<int>(kWhen.size()) - 1);

void BM_ParseIsoUtc(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse_iso_utc("2026-03-06T22:59:00Z"));
}
BENCHMARK(BM_ParseIsoUtc);

void BM_FormatIsoUtc(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(format_iso_utc(now()));
}
BENCHMARK(BM_FormatIsoUtc);

// --- Fields --------------------------------------------------------------------------------------

constexpr std::array<std::string_view, 5> kMoney = {"120000", "120,000", "$120k", "1.5m",
                                                    "EUR 90 000"};

void BM_ParseFieldMoney(benchmark::State& state) {
  const Field* f = find_field("base");
  std::string_view raw = kMoney[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(std::string(raw));
  ParseContext ctx{now(), berlin()};
  for (auto _ : state) benchmark::DoNotOptimize(parse_field(*f, raw, ctx));
}
BENCHMARK(BM_ParseFieldMoney)->DenseRange(0, static_cast<int>(kMoney.size()) - 1);

constexpr std::array<std::string_view, 4> kDates = {"2026-03-06", "friday", "friday 17:00",
                                                    "in 2 weeks"};

void BM_ParseFieldDate(benchmark::State& state) {
  const Field* f = find_field("offer_deadline");
  std::string_view raw = kDates[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(std::string(raw));
  ParseContext ctx{now(), berlin()};
  for (auto _ : state) benchmark::DoNotOptimize(parse_field(*f, raw, ctx));
}
BENCHMARK(BM_ParseFieldDate)->DenseRange(0, static_cast<int>(kDates.size()) - 1);

void BM_FindField(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(find_field("offer-deadline"));
}
BENCHMARK(BM_FindField);

// --- Ids -----------------------------------------------------------------------------------------

void BM_Slugify(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(slugify("Café Müller & Söhne GmbH — Köln"));
}
BENCHMARK(BM_Slugify);

void BM_MakeId(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(make_id("Acme Corporation", "Senior Data Engineer (ML)"));
}
BENCHMARK(BM_MakeId);

/// 100,000 ids shaped like real ones: company-role, some with a -N suffix.
const std::vector<std::string>& hundred_thousand_ids() {
  static const std::vector<std::string> ids = [] {
    constexpr std::array<std::string_view, 10> companies = {"acme",
                                                            "globex",
                                                            "initech",
                                                            "umbrella",
                                                            "hooli",
                                                            "stark-industries",
                                                            "wayne-enterprises",
                                                            "cyberdyne",
                                                            "soylent",
                                                            "wonka"};
    constexpr std::array<std::string_view, 10> roles = {
        "data-engineer", "staff-engineer", "backend-developer", "engineering-manager", "sre",
        "ml-engineer",   "head-of-data",   "platform-engineer", "frontend-developer",  "cto"};
    std::vector<std::string> out;
    out.reserve(100000);
    for (int i = 0; i < 100000; ++i) {
      std::string id = std::string(companies[static_cast<std::size_t>(i % 10)]) + "-" +
                       std::to_string(i / 100) + "-" +
                       std::string(roles[static_cast<std::size_t>((i / 10) % 10)]);
      if (i % 7 == 0) id += "-2";
      out.push_back(std::move(id));
    }
    return out;
  }();
  return ids;
}

void BM_EditDistanceOver100kIds(benchmark::State& state) {
  const auto& ids = hundred_thousand_ids();
  for (auto _ : state) {
    std::size_t best = ~std::size_t{0};
    for (const auto& id : ids) best = std::min(best, edit_distance("acme-42-dta-engineer", id));
    benchmark::DoNotOptimize(best);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ids.size()));
}
BENCHMARK(BM_EditDistanceOver100kIds)->Unit(benchmark::kMillisecond);

// What `kindly show` does for an unknown id: the nearest ids, for "did you mean".
void BM_DidYouMeanOver100kIds(benchmark::State& state) {
  const auto& ids = hundred_thousand_ids();
  for (auto _ : state) benchmark::DoNotOptimize(did_you_mean("acme-42-dta-engineer", ids));
}
BENCHMARK(BM_DidYouMeanOver100kIds)->Unit(benchmark::kMillisecond);

// --- Store ---------------------------------------------------------------------------------------

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kindly-bench-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  std::string file(const std::string& name) const { return (m_path / name).string(); }

 private:
  fs::path m_path;
};

Opportunity sample_opportunity(int i) {
  Opportunity o;
  o.id = "company-" + std::to_string(i) + "-data-engineer";
  o.company = "Company " + std::to_string(i);
  o.role = "Data Engineer";
  o.stage = i % 20 == 0 ? Stage::interviewing : Stage::rejected;
  o.source = Source::recruiter;
  o.location = "Berlin";
  o.url = "https://example.com/jobs/" + std::to_string(i);
  o.invited_at = now() - std::chrono::hours(24 * (i % 300));
  if (i % 20 == 0) o.interview_at = now() + std::chrono::hours(i % 200);
  o.base = 60000 + i % 50000;
  o.currency = "EUR";
  o.notes = "first call went well; asked about the team size and the on-call rota";
  o.created_at = o.updated_at = now();
  return o;
}

// One transaction of 1,000 inserts on a new file, as an import does (the file is created and
// migrated outside the timed part).
void BM_StoreInsert1000InOneTransaction(benchmark::State& state) {
  TempDir dir;
  std::vector<Opportunity> rows;
  for (int i = 0; i < 1000; ++i) rows.push_back(sample_opportunity(i));
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = open_sqlite_store(dir.file("insert-" + std::to_string(run++) + ".db"));
    state.ResumeTiming();
    WriteTransaction tx(*store);
    for (const auto& o : rows) store->insert(o);
    tx.commit();
    state.PauseTiming();
    store.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_StoreInsert1000InOneTransaction)->Unit(benchmark::kMillisecond);

// Opening an existing database: what every command pays before its first query.
void BM_StoreOpenExisting(benchmark::State& state) {
  TempDir dir;
  const std::string db = dir.file("open.db");
  {
    auto store = open_sqlite_store(db);
    WriteTransaction tx(*store);
    for (int i = 0; i < 1000; ++i) store->insert(sample_opportunity(i));
    tx.commit();
  }
  for (auto _ : state) {
    auto store = open_sqlite_store(db, OpenMode::existing);
    benchmark::DoNotOptimize(store->profile());
  }
}
BENCHMARK(BM_StoreOpenExisting)->Unit(benchmark::kMicrosecond);

// find() by id on a database of 1,000: one indexed lookup and one row decoded.
void BM_StoreFind(benchmark::State& state) {
  TempDir dir;
  const std::string db = dir.file("find.db");
  auto store = open_sqlite_store(db);
  {
    WriteTransaction tx(*store);
    for (int i = 0; i < 1000; ++i) store->insert(sample_opportunity(i));
    tx.commit();
  }
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(store->find(sample_opportunity(i++ % 1000).id));
  }
}
BENCHMARK(BM_StoreFind)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kindly

BENCHMARK_MAIN();
