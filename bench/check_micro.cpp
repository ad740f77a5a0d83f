// Micro benchmarks of checking a draft: messages per second on one core, with the rules compiled
// and the dictionary loaded once (the target is 20,000 average-length messages per second with
// spelling on; see docs/benchmarks.md).
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "check/check.h"
#include "compose/compose.h"
#include "playbook/playbook.h"

namespace kindly {
namespace {

/// Average-length drafts: kindly's own emails over every kind and reason, plus a few typical
/// hand-written ones with mistakes (a typo, a hedge, criticism, a placeholder).
const std::vector<std::string>& drafts() {
  static const std::vector<std::string> d = [] {
    const auto& pb = playbook::builtin();
    std::vector<std::string> out;
    compose::Facts f;
    f.company = "Globex Corporation";
    f.role = "Senior Data Engineer";
    f.contact_name = "Dana Smith";
    f.name = "Alex Morgan";
    f.signature = "alex@example.com";
    for (const auto& kind : pb.phrasebook.kinds) {
      for (const auto& reason : pb.reasons) {
        compose::ComposeRequest r;
        r.kind = kind.id;
        r.reason_code = reason.code;
        r.facts = f;
        auto m = compose::compose(pb, r);
        out.push_back("Subject: " + m.subject + "\n\n" + m.body);
      }
    }
    out.emplace_back(
        "Subject: Update\n\nHi [Name],\n\nThanks for the ofer. I think I might decline for now, the process was "
        "a bit disorganized and honestly the pay was a lowball. I'm sorry. Sorry again.\n\nBest,\nSam\n");
    out.emplace_back(
        "Hi Dana,\n\nThank you for the interview invitation for the Analyst role. I have accepted another "
        "position, so I will withdraw my application. I wish the team every success.\n\nKind regards,\nSam Lee\n");
    return out;
  }();
  return d;
}

void run(benchmark::State& state, bool spelling) {
  const auto& pb = playbook::builtin();
  std::unique_ptr<check::Speller> speller;
  if (spelling) {
    std::string path = check::Speller::find_default();
    if (path.empty()) {
      state.SkipWithError("no en_US dictionary (apt install hunspell-en-us)");
      return;
    }
    speller = std::make_unique<check::Speller>(path);
  }
  check::Checker checker(pb.check, speller.get());
  const auto& texts = drafts();
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& text = texts[i++ % texts.size()];
    check::Request r;
    r.text = text;
    r.kind = "decline-offer";
    r.known_words = {"Globex Corporation", "Dana Smith", "Alex Morgan"};
    benchmark::DoNotOptimize(checker.check(r));
    bytes += text.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["avg_bytes"] = static_cast<double>(bytes) / static_cast<double>(std::max<std::size_t>(1, i));
}

void BM_CheckDraft(benchmark::State& state) { run(state, true); }
BENCHMARK(BM_CheckDraft);

void BM_CheckDraftNoSpelling(benchmark::State& state) { run(state, false); }
BENCHMARK(BM_CheckDraftNoSpelling);

void BM_LoadDictionary(benchmark::State& state) {
  std::string path = check::Speller::find_default();
  if (path.empty()) {
    state.SkipWithError("no en_US dictionary");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(std::make_unique<check::Speller>(path));
}
BENCHMARK(BM_LoadDictionary)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kindly
