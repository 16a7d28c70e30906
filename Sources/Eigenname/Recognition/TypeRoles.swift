// Recognition and compilation: what the rules do with the names of a type, as data.
//
// In:  type-roles.txt (embedded): lines `TYPE role[,role…]`.
// Out: per type name, its roles; the compiler stores an entry's roles in its record
//      (EntryRecord.roles), and the rules test those bits, never a type's name.
//
// Types are open (whatever the lexicons say); the rules of German grammar that treat
// people, makers and their products differently ask for a role. A lexicon with other
// type names (GermEval's PER, ORG) gets the same behaviour by a line in type-roles.txt.

/// The roles of a type (one bit each; stored in bits 18 to 20 of an entry record's flags field).
struct TypeRoles: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A person: short forms by surname or particle, no adjective inflection, no genitive
    /// after an article, no name inside a place name, the genitive short form of the person
    /// in focus; a surname that is also a noun is a name; not blocked by a family noun.
    static let person = TypeRoles(rawValue: 1 << 0)
    /// A maker (a company): short form by its first word, the maker of products (named in
    /// the `maker` column, or inferred from a product's canonical), legal forms, a maker
    /// before a hyphen and a number, company type cues.
    static let maker = TypeRoles(rawValue: 1 << 1)
    /// A product (a model): merged with its maker before it, preferred right after its maker,
    /// its maker inferred from its canonical, kept as a compound's head or after a number
    /// and a hyphen, model type cues, no evidence elsewhere as a bare noun.
    static let product = TypeRoles(rawValue: 1 << 2)

    /// The roles by their names in type-roles.txt.
    static let byName: [(name: String, role: TypeRoles)] = [("person", .person), ("maker", .maker), ("product", .product)]

    /// Where the roles sit in an entry record's flags field (above the flags, short form, genitive).
    static let recordShift: Int32 = 18
}

/// Type name → roles, from type-roles.txt.
struct TypeRoleMap: Sendable {
    let roles: [String: TypeRoles]

    /// The roles of type `type` (none when type-roles.txt does not list it).
    @inline(__always)
    func roles(of type: String) -> TypeRoles { roles[type] ?? [] }

    /// Parses lines `TYPE role[,role…]` (`#` comments, blank lines ignored).
    static func parse(_ bytes: [UInt8]) throws(EigennameError) -> TypeRoleMap {
        var roles: [String: TypeRoles] = [:]
        for line in WordList.strings(bytes) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 2 else { throw .usage("type-roles.txt: '\(line)' is not `TYPE role[,role…]`") }
            var typeRoles = roles[String(fields[0])] ?? []
            for name in fields[1].split(separator: ",") {
                guard let role = TypeRoles.byName.first(where: { $0.name == name })?.role else {
                    throw .usage("type-roles.txt: unknown role '\(name)' (known: "
                                 + TypeRoles.byName.map(\.name).joined(separator: ", ") + ")")
                }
                typeRoles.insert(role)
            }
            roles[String(fields[0])] = typeRoles
        }
        return TypeRoleMap(roles: roles)
    }

    /// The first type of type-roles.txt with `role` ("PERSON" for person): the type of the
    /// names discovery finds when the lexicon has no row of that role.
    static func standardTypeName(of role: TypeRoles) -> String {
        for line in WordList.strings(PackageResources.type_roles_txt) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.count == 2, fields[1].split(separator: ",").contains(where: { name in
                TypeRoles.byName.first { $0.name == name }?.role == role }) {
                return String(fields[0])
            }
        }
        return "ENTITY"
    }

    /// The shipped mapping (type-roles.txt, compiled in; a test checks that it parses).
    static let standard: TypeRoleMap = {
        do { return try parse(PackageResources.type_roles_txt) } catch { fatalError("\(error)") }
    }()
}
