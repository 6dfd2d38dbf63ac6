extension Router {
    /// One registered pattern and its handlers by method.
    struct Route: Sendable {
        /// The full pattern, prefix included, for logs.
        var pattern: String
        /// The names of the `:name` segments in order, then `*` for a wildcard.
        var parameterNames: [String]
        /// The handlers in registration order.
        var handlers: [(method: HTTPMethod, handler: Handler)]

        /// The handler for `method`.
        func handler(for method: HTTPMethod) -> Handler? {
            handlers.first { $0.method == method }?.handler
        }

        /// The methods to list in `Allow`: the registered ones, plus `HEAD` when `GET` is registered.
        var allowedMethods: [HTTPMethod] {
            var methods: [HTTPMethod] = []
            for (method, _) in handlers {
                methods.append(method)
                if method == .get, handler(for: .head) == nil { methods.append(.head) }
            }
            return methods
        }
    }

    /// A node of the segment trie.
    struct Node: Sendable {
        /// Children by literal segment.
        var literals: [Substring: Int] = [:]
        /// The child for a `:name` segment.
        var parameter: Int?
        /// The route whose pattern ends in `*` here.
        var wildcardRoute: Int?
        /// The route whose pattern ends here.
        var route: Int?
    }

    /// What routing decided for a request.
    struct Dispatch: Sendable {
        /// The answer.
        var result: HandlerResult
        /// The matched pattern, for the access log.
        var route: String?
    }

    /// Registers `handler` for `method` and `pattern`.
    mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        precondition(pattern.hasPrefix("/"), "Route pattern \(pattern) must start with /")
        let segments = Router.segments(of: pattern[...])
        var node = 0
        var names: [String] = []
        var isWildcard = false
        for (index, segment) in segments.enumerated() {
            if segment == "*" {
                precondition(index == segments.count - 1, "* must be the last segment of \(pattern)")
                isWildcard = true
                names.append("*")
            } else if segment.hasPrefix(":") {
                let name = String(segment.dropFirst())
                precondition(!name.isEmpty && !names.contains(name), "Bad or repeated parameter in \(pattern)")
                names.append(name)
                node = child(of: node, parameter: true, literal: segment)
            } else {
                precondition(!segment.contains("*"), "* must be a whole segment in \(pattern)")
                node = child(of: node, parameter: false, literal: segment)
            }
        }
        let fullPattern = prefix + (pattern == "/" && !prefix.isEmpty ? "" : pattern)
        let existing = isWildcard ? nodes[node].wildcardRoute : nodes[node].route
        let routeIndex: Int
        if let existing {
            precondition(
                routes[existing].parameterNames == names, "\(pattern) conflicts with \(routes[existing].pattern)")
            precondition(routes[existing].handler(for: method) == nil, "\(method) \(pattern) is registered twice")
            routeIndex = existing
        } else {
            routeIndex = routes.count
            routes.append(Route(pattern: fullPattern, parameterNames: names, handlers: []))
            if isWildcard {
                nodes[node].wildcardRoute = routeIndex
            } else {
                nodes[node].route = routeIndex
            }
            if names.isEmpty { staticRoutes[pattern[...]] = routeIndex }
        }
        routes[routeIndex].handlers.append((method, handler))
    }

    /// The child of `node` for a segment, created if needed.
    private mutating func child(of node: Int, parameter: Bool, literal: Substring) -> Int {
        if parameter {
            if let existing = nodes[node].parameter { return existing }
            nodes.append(Node())
            nodes[node].parameter = nodes.count - 1
            return nodes.count - 1
        }
        if let existing = nodes[node].literals[literal] { return existing }
        nodes.append(Node())
        nodes[node].literals[literal] = nodes.count - 1
        return nodes.count - 1
    }

    /// The segments of a path: `/` has none, `/a/` has `a` and an empty one.
    static func segments(of path: Substring) -> [Substring] {
        guard path.count > 1 else { return [] }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    }

    /// Routes a request.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - dropHeadBody: Whether to empty the body of a `GET` response that answers `HEAD`.
    func dispatch(_ request: Request, dropHeadBody: Bool) -> Dispatch {
        guard let path = stripPrefix(request.path), let (routeIndex, values) = match(path) else {
            return Dispatch(result: .response(notFoundResponder(request)), route: nil)
        }
        let route = routes[routeIndex]
        var request = request
        request.route = route.pattern
        if !values.isEmpty {
            request.parameters = RouteParameters(Array(zip(route.parameterNames, values)))
        }
        var handler = route.handler(for: request.method)
        var isHeadFallback = false
        if handler == nil, request.method == .head {
            handler = route.handler(for: .get)
            isHeadFallback = handler != nil
        }
        guard let handler else {
            let allowed = route.allowedMethods
            var response = methodNotAllowedResponder(request, allowed)
            response.headers.replaceOrAdd(name: "Allow", value: allowed.map(\.rawValue).joined(separator: ", "))
            return Dispatch(result: .response(response), route: route.pattern)
        }
        let dropBody = isHeadFallback && dropHeadBody
        let errorResponder = self.errorResponder
        let routedRequest = request
        do {
            switch try handler(routedRequest) {
            case .response(var response):
                if dropBody { response.body = [] }
                return Dispatch(result: .response(response), route: route.pattern)
            case .deferred(let work):
                let wrapped: @Sendable () -> Response = {
                    do {
                        var response = try work()
                        if dropBody { response.body = [] }
                        return response
                    } catch {
                        return errorResponder(routedRequest, error)
                    }
                }
                return Dispatch(result: .deferred(wrapped), route: route.pattern)
            }
        } catch {
            return Dispatch(result: .response(errorResponder(request, error)), route: route.pattern)
        }
    }

    /// The path below ``prefix``, or `nil` when the path is outside it.
    private func stripPrefix(_ path: String) -> Substring? {
        guard !prefix.isEmpty else { return path[...] }
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        if rest.isEmpty { return "/" }
        return rest.first == "/" ? rest : nil
    }

    /// The best route for a path and the values its parameters capture.
    func match(_ path: Substring) -> (route: Int, values: [String])? {
        if let index = staticRoutes[path] { return (index, []) }
        let segments = Router.segments(of: path)
        var values: [String] = []
        guard let route = match(node: 0, segments: segments[...], values: &values) else { return nil }
        return (route, values)
    }

    /// Depth-first search: literal, then parameter, then wildcard.
    private func match(node: Int, segments: ArraySlice<Substring>, values: inout [String]) -> Int? {
        guard let segment = segments.first else { return nodes[node].route }
        let rest = segments.dropFirst()
        if let child = nodes[node].literals[segment], let route = match(node: child, segments: rest, values: &values) {
            return route
        }
        if let child = nodes[node].parameter {
            values.append(String(segment))
            if let route = match(node: child, segments: rest, values: &values) { return route }
            values.removeLast()
        }
        if let route = nodes[node].wildcardRoute {
            values.append(segments.joined(separator: "/"))
            return route
        }
        return nil
    }
}
