// The closed vocabularies of the tracker (stages, sources, channels, …) and their spellings.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kindly {

/// Where the candidate stands. Open stages first, then closed ones (see stage.h).
enum class Stage {
  invited,
  interviewing,
  offer,
  negotiating,
  accepted,
  started,
  declined_interview,
  withdrawn,
  declined,
  rescinded,
  rejected,
  ghosted,
  archived,
};
inline constexpr std::array<std::string_view, 13> kStageNames = {
    "invited",  "interviewing", "offer",    "negotiating", "accepted", "started", "declined-interview",
    "withdrawn", "declined",    "rescinded", "rejected",   "ghosted",  "archived"};

/// How the opportunity reached the candidate.
enum class Source { recruiter, direct, referral, internal };
inline constexpr std::array<std::string_view, 4> kSourceNames = {"recruiter", "direct", "referral",
                                                                  "internal"};

/// How the offer was made.
enum class OfferVia { spoken, email, letter };
inline constexpr std::array<std::string_view, 3> kOfferViaNames = {"spoken", "email", "letter"};

/// The main channel of the conversation so far.
enum class Channel { email, phone, linkedin };
inline constexpr std::array<std::string_view, 3> kChannelNames = {"email", "phone", "linkedin"};

enum class Rapport { low, medium, high };
inline constexpr std::array<std::string_view, 3> kRapportNames = {"low", "medium", "high"};

enum class WorkMode { onsite, hybrid, remote };
inline constexpr std::array<std::string_view, 3> kWorkModeNames = {"onsite", "hybrid", "remote"};

/// Visa sponsorship as far as the candidate knows.
enum class Visa { not_needed, offered, uncertain, none };
inline constexpr std::array<std::string_view, 4> kVisaNames = {"not-needed", "offered", "uncertain",
                                                                "none"};

enum class ContactRole { recruiter, hiring_manager, hr, referrer, other };
inline constexpr std::array<std::string_view, 5> kContactRoleNames = {
    "recruiter", "hiring-manager", "hr", "referrer", "other"};

/// The spelling of an enumerator, as users type it and as it is stored.
template <typename E, std::size_t N>
constexpr std::string_view enum_name(E value, const std::array<std::string_view, N>& names) {
  return names[static_cast<std::size_t>(value)];
}

/// Looks a spelling up; accepts '_' for '-' and any letter case.
std::optional<std::size_t> find_name(std::string_view text, const std::string_view* names,
                                     std::size_t count);

template <typename E, std::size_t N>
std::optional<E> parse_enum(std::string_view text, const std::array<std::string_view, N>& names) {
  auto i = find_name(text, names.data(), N);
  if (!i) return std::nullopt;
  return static_cast<E>(*i);
}

/// "a, b or c" for error messages.
std::string join_names(const std::string_view* names, std::size_t count,
                       std::string_view last_sep = " or ");
template <std::size_t N>
std::string join_names(const std::array<std::string_view, N>& names) {
  return join_names(names.data(), N);
}

inline std::string_view to_string(Stage s) { return enum_name(s, kStageNames); }

}  // namespace kindly
