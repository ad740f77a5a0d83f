// Micro benchmarks of composing: one Composer (templates parsed once) drafting many messages,
// over a mix of kinds, channels and tones; and the advice for one opportunity.
#include <benchmark/benchmark.h>

#include "compose/advise.h"
#include "compose/compose.h"
#include "playbook/playbook.h"

namespace {

using namespace kindly;

std::vector<compose::ComposeRequest> requests(const playbook::Playbook& pb) {
  std::vector<compose::ComposeRequest> out;
  const char* companies[] = {"Acme", "Globex", "Initech", "Café Müller", "Hooli"};
  std::size_t n = 0;
  for (const auto& kind : pb.phrasebook.kinds) {
    for (const auto& channel : kind.channels) {
      for (const auto& tone : pb.phrasebook.tones) {
        compose::ComposeRequest r;
        r.kind = kind.id;
        r.channel = channel;
        r.tone = tone;
        r.reason_code = kind.reason ? "accepted-other-offer" : "none";
        r.facts.opportunity_id = "x";
        r.facts.company = companies[n++ % 5];
        r.facts.role = "Data Engineer";
        r.facts.contact_name = "Dana Smith";
        r.facts.name = "Sam Lee";
        r.facts.signature = "Sam Lee, +49 170 000";
        r.facts.terms = "a base of 130,000";
        r.facts.answer_by = "Friday 6 March";
        out.push_back(r);
      }
    }
  }
  return out;
}

// Messages per second on one core, templates parsed once (the Composer is built outside the loop).
void BM_ComposeMany(benchmark::State& state) {
  const auto& pb = playbook::builtin();
  auto reqs = requests(pb);
  compose::Composer composer(pb);
  std::size_t i = 0;
  for (auto _ : state) {
    auto m = composer.compose(reqs[i++ % reqs.size()]);
    benchmark::DoNotOptimize(m.body.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["messages/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ComposeMany);

// A one-off draft: a fresh Composer that parses the templates it needs (what `kindly draft` does).
void BM_ComposeOneOff(benchmark::State& state) {
  const auto& pb = playbook::builtin();
  auto reqs = requests(pb);
  std::size_t i = 0;
  for (auto _ : state) {
    auto m = compose::compose(pb, reqs[i++ % reqs.size()]);
    benchmark::DoNotOptimize(m.body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComposeOneOff)->Unit(benchmark::kMicrosecond);

}  // namespace
