// Import and export (placeholder)
#pragma once
