public import Foundation

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

extension FileHandle {
    /// The bytes that can be read now, after waiting for at least one; empty at the end of the file or on a read
    /// error.
    ///
    /// Use it instead of `availableData`: swift-corelibs-foundation reads with `try!`, so a blocking read that a signal
    /// interrupts (`EINTR`) traps the whole test process. This read is simply tried again.
    public func nextChunk(maximumBytes: Int = 65_536) -> Data {
        var buffer = [UInt8](repeating: 0, count: maximumBytes)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(self.fileDescriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(buffer[..<count]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything up to the end of the file, read with ``nextChunk(maximumBytes:)``: the replacement for
    /// `readDataToEndOfFile()`, which traps when a signal interrupts it.
    public func readUntilEnd() -> Data {
        var data = Data()
        while case let chunk = self.nextChunk(), !chunk.isEmpty {
            data.append(chunk)
        }
        return data
    }
}
