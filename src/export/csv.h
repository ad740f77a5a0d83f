// CSV reading and writing (RFC 4180) — placeholder, filled in by the import/export work.
#pragma once
