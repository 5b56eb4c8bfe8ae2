// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "salespulse",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "SalesPulseCore", dependencies: ["SalesML"]),
        .target(name: "Documents", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "SalesML"),
        .target(name: "FieldRoutes"),
        .target(name: "Forecasting"),
        .target(
            name: "App",
            dependencies: [
                "SalesPulseCore",
                "Documents",
                "SalesML",
                "FieldRoutes",
                "Forecasting",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(name: "salespulse", dependencies: ["App"]),
        .testTarget(name: "SalesPulseCoreTests", dependencies: ["SalesPulseCore", "SalesML"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents"]),
        .testTarget(name: "SalesMLTests", dependencies: ["SalesML"]),
        .testTarget(name: "FieldRoutesTests", dependencies: ["FieldRoutes"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
