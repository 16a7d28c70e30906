// swift-tools-version:6.0
// A package that uses Eigenname as a library, as a new user's would: it depends on the
// repository by path and uses only the public API. `make example-test` builds and runs it
// and compares its output with `eigenname annotate`.
import PackageDescription

let package = Package(
    name: "LibraryUse",
    dependencies: [
        // `name:` because a path dependency is otherwise known by its directory's name (the checkout's).
        .package(name: "Eigenname", path: "../.."),
        // From elsewhere: .package(url: "https://github.com/OWNER/eigenname", from: "1.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "LibraryUse",
            dependencies: [.product(name: "Eigenname", package: "Eigenname")]
        ),
    ]
)
