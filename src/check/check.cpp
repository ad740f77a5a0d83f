// Placeholder: the draft checker lands here.
namespace kindly::check {}
