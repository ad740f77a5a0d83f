// Readable ids: "Acme Corp" + "Data Engineer" → "acme-corp-data-engineer".
#pragma once

#include <string>
#include <string_view>

namespace kindly {

/// Lower-case ASCII words joined by '-'; common accented letters lose their accent.
std::string slugify(std::string_view text);

/// The id for a new opportunity, before making it unique.
std::string make_id(std::string_view company, std::string_view role);

}  // namespace kindly
