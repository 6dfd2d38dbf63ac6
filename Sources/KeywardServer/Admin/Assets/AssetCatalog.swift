import Foundation
import KeywardCore
import KeywardHTTP
import KeywardSupport

/// The admin area's static files (stylesheet, script, icons), read once at start-up and served
/// from memory with a content hash as `ETag` and as the version in their URLs.
///
/// The files live in `Sources/KeywardServer/Assets` and ship as the target's resource bundle next
/// to the executable. The catalog finds them without `Bundle.module`, whose accessor stops the
/// process when the bundle is missing: it tries a configured directory, the resource bundle next
/// to the executable, and (for development builds) the source directory.
final class AssetCatalog: Sendable {
    /// One file.
    struct Asset: Sendable {
        /// The `Content-Type`.
        var contentType: String
        /// The bytes.
        var body: [UInt8]
        /// A hash of the bytes, as 16 hex digits: the `ETag` and the URL version.
        var version: String
    }

    /// The files the admin area needs, by name, with their content types.
    static let files: [(name: String, contentType: String)] = [
        ("admin.css", "text/css; charset=utf-8"),
        ("admin.js", "text/javascript; charset=utf-8"),
        ("icons.svg", "image/svg+xml"),
        ("favicon.svg", "image/svg+xml"),
    ]

    private let assets: [String: Asset]
    /// The directory the files were read from, or `nil` when none was found.
    let directory: String?

    /// Reads the files from the first candidate directory that has them all.
    init(configuredDirectory: String?, logger: Logger) {
        var found: (String, [String: Asset])?
        for candidate in Self.candidateDirectories(configured: configuredDirectory) {
            if let assets = Self.load(from: candidate) {
                found = (candidate, assets)
                break
            }
        }
        if let (directory, assets) = found {
            self.directory = directory
            self.assets = assets
        } else {
            self.directory = nil
            self.assets = [:]
            logger.error(
                "admin area assets not found; pages will be unstyled",
                metadata: [
                    "looked_in": Self.candidateDirectories(configured: configuredDirectory).joined(separator: ", ")
                ]
            )
        }
    }

    /// Creates a catalog from files in memory (tests).
    init(assets: [String: Asset]) {
        self.assets = assets
        self.directory = nil
    }

    /// The asset with this name.
    func asset(named name: String) -> Asset? { assets[name] }

    /// The versioned URL of an asset: `/admin/assets/admin.css?v=…`, cacheable for a year.
    func url(_ name: String, paths: AdminPaths) -> String {
        guard let asset = assets[name] else { return paths.asset(name) }
        return paths.asset(name) + "?v=" + asset.version
    }

    /// Serves an asset: 200 with the bytes, 304 when the client's `If-None-Match` matches, 404 for
    /// an unknown name.
    func respond(to request: Request, name: String) -> Response {
        guard let asset = assets[name] else {
            return Response.text("Not Found", status: .notFound)
        }
        let etag = "\"\(asset.version)\""
        // A versioned URL never changes content; an unversioned one is revalidated.
        let versioned = (try? request.queryForm())?["v"] == asset.version
        var headers: HTTPHeaders = [
            "ETag": etag,
            "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
            "X-Content-Type-Options": "nosniff",
        ]
        let wanted = request.headers["If-None-Match"]?.split(separator: ",").map { $0.trimmed } ?? []
        if wanted.contains(etag) || wanted.contains("W/" + etag) || wanted.contains("*") {
            return Response(status: .notModified, headers: headers)
        }
        headers.add(name: "Content-Type", value: asset.contentType)
        return Response(status: .ok, headers: headers, body: asset.body)
    }

    // MARK: Loading

    /// Where to look, in order.
    static func candidateDirectories(configured: String?, source: String = #filePath) -> [String] {
        var candidates: [String] = []
        if let configured, !configured.isEmpty { candidates.append(configured) }
        let bundleDirectory = Bundle.main.bundleURL.path
        for bundle in ["Keyward_KeywardServer.resources", "Keyward_KeywardServer.bundle"] {
            candidates.append(bundleDirectory + "/" + bundle + "/Assets")
            candidates.append(bundleDirectory + "/" + bundle + "/Contents/Resources/Assets")
        }
        // `…/Sources/KeywardServer/Admin/Assets/AssetCatalog.swift` → `…/Sources/KeywardServer/Assets`.
        var parts = source.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count > 3 {
            parts.removeLast(3)
            candidates.append(parts.joined(separator: "/") + "/Assets")
        }
        return candidates
    }

    /// Every file from `directory`, or `nil` when one is missing.
    static func load(from directory: String) -> [String: Asset]? {
        var assets: [String: Asset] = [:]
        for (name, contentType) in files {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
            let body = [UInt8](data)
            assets[name] = Asset(contentType: contentType, body: body, version: version(of: body))
        }
        return assets
    }

    /// A 64-bit FNV-1a hash of the bytes as 16 hex digits: enough to tell versions apart.
    static func version(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
