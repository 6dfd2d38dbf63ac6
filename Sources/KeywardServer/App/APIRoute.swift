import KeywardCore
import KeywardHTTP
import KeywardSupport

/// Adapts ``APIEndpoint`` to the HTTP layer: merges query and body parameters, maps outcomes to
/// responses and deferrals.
struct APIRoute: Sendable {
    let endpoint: APIEndpoint
    let parser: FormParser

    /// Registers `POST` and `GET` at `path`.
    func register(on router: inout Router, path: String) {
        router.on(.post, path) { [self] request in handle(request) }
        router.on(.get, path) { [self] request in handle(request) }
    }

    func handle(_ request: Request) -> HandlerResult {
        let form: FormData
        do {
            form = try request.form(using: parser)
        } catch let error where error.code == .unsupportedContentType {
            // A JSON (or other) body is not part of the protocol: its parameters count as absent.
            do { form = try request.queryForm(using: parser) } catch {
                return .response(Self.badRequest(error, request))
            }
        } catch {
            return .response(Self.badRequest(error, request))
        }
        let parameters = APIParameters(form)
        switch endpoint.handle(parameters, client: request.clientAddress) {
        case .now(let answer): return .response(Self.response(answer))
        case .later(let work): return .deferred { Self.response(work()) }
        }
    }

    static func response(_ answer: APIResponse) -> Response {
        // Answers may carry a secret (GenerateApiCredential) and GET is allowed: never cache them.
        var headers: HTTPHeaders = ["Content-Type": answer.contentType, "Cache-Control": "no-store"]
        if let retryAfter = answer.retryAfter { headers.add(name: "Retry-After", value: String(retryAfter)) }
        return Response(status: HTTPStatus(code: answer.status), headers: headers, body: answer.body)
    }

    /// A malformed body or query: 400 with the parser's safe message, in the format the query asks
    /// for when it can be read.
    static func badRequest(_ error: FormError, _ request: Request) -> Response {
        let responseType = (try? request.queryForm())?["responsetype"]
        let format = ResponseFormat(responseType: responseType)
        let body = APIEncoder(version: Keyward.version).encode(.error(error.message), action: "", format: format)
        return Response(status: .badRequest, headers: ["Content-Type": format.contentType], body: body)
    }
}
