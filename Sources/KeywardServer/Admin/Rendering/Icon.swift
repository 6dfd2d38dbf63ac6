/// An icon of the admin area's SVG sprite (`Assets/icons.svg`), drawn with `<use>`.
///
/// Icons are decoration: they are hidden from assistive technology, so every control that shows
/// one also has a visible label or an `aria-label`.
enum Icon: String, Sendable, CaseIterable {
    case key, wrench, user, logout, pencil, trash, eye, plus, copy, check, close, search
    case chevronDown = "chevron-down"
    case sort
    case sortUp = "sort-up"
    case sortDown = "sort-down"
    case shield, users, list, alert, info, lock, ban, home
    case chevronLeft = "chevron-left"
    case chevronRight = "chevron-right"

    /// The `<svg>` element that draws the icon from the sprite at `spriteURL`.
    func svg(spriteURL: String, classes: String = "icon") -> HTML {
        "<svg class=\"\(classes)\" aria-hidden=\"true\" focusable=\"false\"><use href=\"\(spriteURL)#\(rawValue)\"></use></svg>"
    }
}
