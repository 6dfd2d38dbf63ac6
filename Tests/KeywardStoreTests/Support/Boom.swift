/// An error a test throws on purpose.
struct Boom: Error {}
