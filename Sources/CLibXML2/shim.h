// libxml2 for Swift. Debian builds libxml2 with ICU support, so encoding.h
// would pull in ICU's headers, which clash with Foundation's bundled ICU
// module. Eigenname never touches the ICU members of libxml2's encoding
// handler (it only holds pointers to it), so the ICU part is left out here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
