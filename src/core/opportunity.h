// The value types of the tracker: an opportunity, its contacts, the activity log, the profile.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/enums.h"

namespace kindly {

/// One job opportunity, from invitation to the end. Empty strings and nullopt mean "not known".
struct Opportunity {
  std::string id;  ///< readable and unique: "acme-data-engineer"
  std::string company;
  std::string role;
  Stage stage = Stage::invited;
  std::optional<Source> source;
  std::optional<int> rounds;  ///< interview rounds so far
  std::optional<OfferVia> offer_via;
  std::optional<Channel> channel;
  std::optional<Rapport> rapport;
  std::string url;
  std::string location;

  // Dates, in UTC.
  std::optional<Instant> invited_at;
  std::optional<Instant> interview_at;
  std::optional<Instant> offer_received_at;
  std::optional<Instant> offer_deadline;
  std::optional<Instant> accepted_at;
  std::optional<Instant> decided_at;

  // Offer terms. Amounts are whole units of `currency`.
  std::optional<std::int64_t> base;
  std::string currency;  ///< ISO 4217, e.g. "EUR"
  std::string bonus;     ///< target bonus: "15%" of base or an amount "12000"
  std::optional<std::int64_t> sign_on;
  std::optional<std::int64_t> equity;  ///< grant value over the whole vesting schedule
  std::string vesting;                 ///< percent per year: "25/25/25/25"
  std::string title;
  std::optional<WorkMode> work_mode;
  std::optional<Instant> start_date;
  std::string benefits;

  // Mobility.
  std::optional<bool> relocation;  ///< relocation required
  std::optional<Visa> visa;
  std::optional<std::int64_t> relocation_paid;  ///< relocation money already paid out
  std::optional<bool> paperwork_signed;

  std::string notes;
  Instant created_at{};
  Instant updated_at{};
};

/// The deadline that matters most for ordering: offer deadline, else the interview.
std::optional<Instant> next_deadline(const Opportunity& o);

struct Contact {
  std::int64_t id = 0;
  std::string opportunity_id;
  std::string name;
  ContactRole role = ContactRole::other;
  std::string email;
  std::string phone;
  std::string linkedin;
  bool agency = false;  ///< an agency recruiter who represents the candidate
  std::string notes;
};

/// One line of the activity log: what changed, when.
struct LogEntry {
  std::int64_t id = 0;
  Instant at{};
  std::string opportunity_id;  ///< empty for profile changes and removed opportunities
  std::string kind;            ///< created, set, move, note, contact, archive, remove, profile, import
  std::string text;
};

/// A decision worked through for one opportunity: the answers and the verdict, as JSON text
/// (shapes in docs/decide.md), so the store needs no knowledge of the frameworks.
struct Assessment {
  std::int64_t id = 0;
  std::string opportunity_id;
  Instant at{};
  std::string kind;       ///< decide or counter
  std::string framework;  ///< invitation, after-accepting, offer, accepted
  std::string answers;
  std::string verdict;
};

/// A message kindly drafted, or one the user says they sent, with its status.
struct SavedMessage {
  std::int64_t id = 0;
  std::string opportunity_id;
  std::string kind;     ///< a phrasebook kind: decline-offer, withdraw-application, …
  std::string channel;  ///< email, phone, voicemail, linkedin
  std::string tone;
  std::string reason;   ///< reason code
  std::int64_t variant = 0;
  std::string recipient;  ///< "Jane Roe <jane@acme.example>", or empty
  std::string subject;
  std::string body;
  std::string status = "draft";  ///< draft or sent
  std::string origin = "draft";  ///< draft (kindly draft), accept (the cascade), sent (recorded only)
  Instant created_at{};
  std::optional<Instant> send_by;
  std::optional<Instant> sent_at;
};

/// One score a user gave an opportunity on a comparison criterion (1-5).
struct Score {
  std::string opportunity_id;
  std::string criterion;
  double score = 0;
};

/// The user: who signs the messages, where they live in time, what they want.
struct Profile {
  std::string name;
  std::string email;
  std::string phone;
  std::string signature;
  std::string timezone;  ///< IANA name; empty: $TZ or the system's
  std::string goals;     ///< 12–24-month goals
  std::vector<std::string> non_negotiables;
  std::map<std::string, double> weights;  ///< criteria weights for comparing offers
};

}  // namespace kindly
