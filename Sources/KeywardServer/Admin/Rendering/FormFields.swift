/// The form controls every page uses, each with its label, so that no control goes unlabelled.
enum FormFields {
    /// A labelled single-line input.
    static func text(
        id: String,
        name: String,
        label: String,
        value: String = "",
        type: String = "text",
        required: Bool = false,
        help: String? = nil,
        maxLength: Int? = nil,
        autocomplete: String = "off",
        extra: HTML = .empty
    ) -> HTML {
        let requiredMark: HTML = required ? " <span class=\"required\" aria-hidden=\"true\">*</span>" : .empty
        let describedBy: HTML = help == nil ? .empty : " aria-describedby=\"\(id)-help\""
        let helpText: HTML = help.map { "<p class=\"help\" id=\"\(id)-help\">\($0)</p>" } ?? .empty
        let maxAttribute: HTML = maxLength.map { " maxlength=\"\($0)\"" } ?? .empty
        return """
            <div class="field">
            <label for="\(id)">\(label)\(requiredMark)</label>
            <input id="\(id)" name="\(name)" type="\(type)" value="\(value)" autocomplete="\(autocomplete)"\
            \(required ? " required" : "")\(maxAttribute)\(describedBy)\(extra)>
            \(helpText)
            </div>
            """
    }

    /// A labelled multi-line input.
    static func textArea(
        id: String, name: String, label: String, value: String = "", help: String? = nil, rows: Int = 3
    )
        -> HTML
    {
        let describedBy: HTML = help == nil ? .empty : " aria-describedby=\"\(id)-help\""
        let helpText: HTML = help.map { "<p class=\"help\" id=\"\(id)-help\">\($0)</p>" } ?? .empty
        return """
            <div class="field">
            <label for="\(id)">\(label)</label>
            <textarea id="\(id)" name="\(name)" rows="\(rows)"\(describedBy)>\(value)</textarea>
            \(helpText)
            </div>
            """
    }

    /// A labelled select; `options` are value and label pairs.
    static func select(
        id: String,
        name: String,
        label: String,
        options: [(value: String, label: String)],
        selected: String?,
        placeholder: String? = nil,
        required: Bool = false
    ) -> HTML {
        let requiredMark: HTML = required ? " <span class=\"required\" aria-hidden=\"true\">*</span>" : .empty
        var items: [HTML] = []
        if let placeholder { items.append("<option value=\"\">\(placeholder)</option>") }
        for option in options {
            let isSelected: HTML = option.value == selected ? " selected" : .empty
            items.append("<option value=\"\(option.value)\"\(isSelected)>\(option.label)</option>")
        }
        return """
            <div class="field">
            <label for="\(id)">\(label)\(requiredMark)</label>
            <select id="\(id)" name="\(name)"\(required ? " required" : "")>\(items)</select>
            </div>
            """
    }

    /// A checkbox with its label to the right, and an optional description under it.
    static func checkbox(
        id: String,
        name: String,
        value: String,
        label: String,
        checked: Bool,
        detail: String? = nil,
        extra: HTML = .empty
    ) -> HTML {
        let detailText: HTML = detail.map { "<span class=\"check-detail\">\($0)</span>" } ?? .empty
        return """
            <label class="check" for="\(id)"><input type="checkbox" id="\(id)" name="\(name)" value="\(value)"\
            \(checked ? " checked" : "")\(extra)><span class="check-text"><span class="check-label">\(label)</span>\
            \(detailText)</span></label>
            """
    }

    /// An error alert for the top of a form.
    static func error(_ message: String?, sprite: String) -> HTML {
        guard let message else { return .empty }
        return Notice(.error, message).render(spriteURL: sprite)
    }

    /// The hidden field that brings the browser back to a list after an action.
    static func returnField(_ target: String?) -> HTML {
        guard let target, !target.isEmpty else { return .empty }
        return "<input type=\"hidden\" name=\"return\" value=\"\(target)\">"
    }
}
