import MailCore

/// Message ids (`id` of `MessageKey`, 16 hex digits) as the 64-bit numbers the index stores.
enum DocumentID {
    static func value(of id: String) -> UInt64 {
        UInt64(id, radix: 16) ?? StableHash.fnv1a64(id)
    }

    static func string(_ value: UInt64) -> String { StableHash.hex(value) }
}
