// Placeholder: compose use cases land here.
namespace kindly {}
