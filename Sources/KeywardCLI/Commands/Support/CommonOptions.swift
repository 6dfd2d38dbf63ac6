/// Options and arguments several commands declare the same way.
enum CommonOptions {
    /// `-y, --yes`: skip the confirmation of a destructive change.
    static let yes = CommandOption.flag("yes", short: "y", help: "Do not ask for confirmation.")

    /// `<admin>`: an admin by username or id.
    static let admin = CommandArgument("admin", help: "The admin's username or id.")

    /// `<group>`: an admin role group by name or id.
    static let group = CommandArgument("group", help: "The admin role group's name or id.")

    /// `<role>`: an API role by name or id.
    static let role = CommandArgument("role", help: "The API role's name or id.")

    /// `<credential>`: an API credential by identifier or id.
    static let credential = CommandArgument("credential", help: "The credential's identifier or id.")
}
