// Placeholder: the check use case (context from the tracker) lands here.
namespace kindly {}
