extension Request {
    /// The form parameters of the query string and the body, merged: query first, then body, so that a body
    /// value wins over a query value of the same name (PHP's `$_REQUEST` with `request_order = "GP"`).
    ///
    /// The body is parsed according to `Content-Type` (URL-encoded or multipart); an empty body adds nothing.
    /// Query and body share ``FormParser/maxParameters``.
    ///
    /// - Throws: ``FormError``; its message is safe to send back with 400 Bad Request.
    public func form(using parser: FormParser = FormParser()) throws(FormError) -> FormData {
        var fields: [FormData.Field] = []
        if !query.isEmpty {
            var query = self.query
            let parsed = query.withUTF8 { bytes in
                Result { () throws(FormError) in
                    try parser.appendURLEncoded(bytes, to: &fields, budget: parser.maxParameters)
                }
            }
            try parsed.get()
        }
        try parser.appendBody(
            body,
            contentType: headers["Content-Type"],
            to: &fields,
            budget: parser.maxParameters - fields.count
        )
        return FormData(fields)
    }

    /// The parameters of the query string alone.
    ///
    /// - Throws: ``FormError``.
    public func queryForm(using parser: FormParser = FormParser()) throws(FormError) -> FormData {
        try parser.parseURLEncoded(query)
    }
}
