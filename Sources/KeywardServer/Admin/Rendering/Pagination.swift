/// Page links: Previous, the first and last pages, the pages around the current one, Next.
enum Pagination {
    /// The page numbers to show, with `nil` for a gap: `1 … 4 5 6 … 20`.
    static func pages(current: Int, count: Int) -> [Int?] {
        guard count > 7 else { return Array(1...max(1, count)) }
        var pages: [Int?] = [1]
        let low = max(2, min(current - 1, count - 4))
        let high = min(count - 1, max(current + 1, 5))
        if low > 2 { pages.append(nil) }
        pages.append(contentsOf: (low...high).map { $0 })
        if high < count - 1 { pages.append(nil) }
        pages.append(count)
        return pages
    }

    /// The pagination bar; `link` makes the URL of a page.
    static func render(current: Int, count: Int, label: String, link: (Int) -> String) -> HTML {
        func item(_ text: String, page: Int?, isCurrent: Bool = false, rel: String? = nil) -> HTML {
            guard let page else {
                return "<li class=\"disabled\"><span aria-hidden=\"true\">\(text)</span></li>"
            }
            if isCurrent {
                return
                    "<li class=\"active\"><a href=\"\(link(page))\" aria-current=\"page\" data-page=\"\(page)\">\(text)</a></li>"
            }
            let relAttribute: HTML = rel.map { " rel=\"\($0)\"" } ?? .empty
            return "<li><a href=\"\(link(page))\"\(relAttribute) data-page=\"\(page)\">\(text)</a></li>"
        }
        var items: [HTML] = []
        items.append(
            current > 1
                ? item("Previous", page: current - 1, rel: "prev")
                : "<li class=\"disabled\"><span>Previous</span></li>"
        )
        for page in pages(current: current, count: count) {
            if let page {
                items.append(item(String(page), page: page, isCurrent: page == current))
            } else {
                items.append(item("…", page: nil))
            }
        }
        items.append(
            current < count
                ? item("Next", page: current + 1, rel: "next")
                : "<li class=\"disabled\"><span>Next</span></li>"
        )
        return "<nav class=\"pagination\" aria-label=\"\(label)\"><ul>\(items)</ul></nav>"
    }
}
