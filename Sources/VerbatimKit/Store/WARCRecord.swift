public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One WARC 1.1 record (ISO 28500:2017 §4): a version line, named fields, and a content block.
///
/// Exists as the unit the evidence store writes (one gzip member each) and reads back. Field
/// order is kept as written so records round-trip byte for byte.
public struct WARCRecord: Sendable, Hashable {
  /// `WARC/1.1` (or `WARC/1.0` in records read from other tools' files).
  public var version: String
  /// The named fields, in order. `Content-Length` is kept in step with `block` by `serialized()`.
  public var headers: [HTTPHeader]
  public var block: [UInt8]

  public init(version: String = "WARC/1.1", headers: [HTTPHeader], block: [UInt8]) {
    self.version = version
    self.headers = headers
    self.block = block
  }

  /// The first value of a named field (case-insensitive).
  public subscript(field name: String) -> String? { headers.value(of: name) }

  /// `warcinfo`, `request`, `response`, …
  public var type: String? { self[field: "WARC-Type"] }
  /// The record id without angle brackets: `urn:uuid:…`.
  public var recordID: String? { self[field: "WARC-Record-ID"].map(Self.unbracketed) }
  public var targetURI: String? { self[field: "WARC-Target-URI"] }
  public var date: Date? { self[field: "WARC-Date"].flatMap(WARCDate.parse) }

  /// The record's bytes: version line, fields (with `Content-Length` set to the block's
  /// length), blank line, block, and the two CRLFs that end a record.
  public func serialized() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(block.count + 64 * (headers.count + 2))
    out.append(contentsOf: version.utf8)
    out.append(contentsOf: crlf)
    var wroteLength = false
    for header in headers {
      if header.name.caseInsensitiveCompare("Content-Length") == .orderedSame {
        if wroteLength { continue }
        wroteLength = true
        appendField(&out, header.name, String(block.count))
      } else {
        appendField(&out, header.name, header.value)
      }
    }
    if !wroteLength { appendField(&out, "Content-Length", String(block.count)) }
    out.append(contentsOf: crlf)
    out.append(contentsOf: block)
    out.append(contentsOf: crlf)
    out.append(contentsOf: crlf)
    return out
  }

  /// Parses one record from the start of `bytes` (a decompressed gzip member). `place` names
  /// the file and offset in errors.
  public init(parsing bytes: [UInt8], place: (file: String, offset: Int) = ("", 0)) throws(StoreError) {
    func fail(_ reason: String) -> StoreError {
      .malformedRecord(file: place.file, offset: place.offset, reason: reason)
    }
    guard let headerEnd = HTTPBlock.headerEnd(bytes) else { throw fail("no blank line after the WARC fields") }
    let lines = HTTPBlock.lines(bytes[..<headerEnd.fieldsEnd])
    guard let first = lines.first, first.hasPrefix("WARC/") else { throw fail("no WARC version line") }
    let headers = HTTPBlock.fields(lines.dropFirst())
    guard let lengthText = headers.value(of: "Content-Length"), let length = Int(lengthText), length >= 0 else {
      throw fail("no valid Content-Length")
    }
    guard headerEnd.bodyStart + length <= bytes.count else { throw fail("block shorter than Content-Length \(length)") }
    self.init(
      version: first, headers: headers, block: Array(bytes[headerEnd.bodyStart..<(headerEnd.bodyStart + length)]))
  }

  static func unbracketed(_ id: String) -> String {
    id.hasPrefix("<") && id.hasSuffix(">") ? String(id.dropFirst().dropLast()) : id
  }
}

/// An HTTP/1.1 message as a WARC `request` or `response` block stores it: start line, header
/// fields, blank line, body.
public struct HTTPBlock: Sendable, Hashable {
  /// `GET /path HTTP/1.1` or `HTTP/1.1 200 OK`.
  public var startLine: String
  public var headers: [HTTPHeader]
  public var body: [UInt8]

  public init(startLine: String, headers: [HTTPHeader], body: [UInt8]) {
    self.startLine = startLine
    self.headers = headers
    self.body = body
  }

  /// The status code of a response's status line.
  public var status: Int? {
    let parts = startLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
    return parts.count >= 2 && parts[0].hasPrefix("HTTP/") ? Int(parts[1]) : nil
  }

  public func serialized() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(body.count + 64 * (headers.count + 1))
    out.append(contentsOf: startLine.utf8)
    out.append(contentsOf: crlf)
    for header in headers { appendField(&out, header.name, header.value) }
    out.append(contentsOf: crlf)
    out.append(contentsOf: body)
    return out
  }

  /// Parses a block: everything after the blank line is the body.
  public init(parsing block: [UInt8]) throws(StoreError) {
    guard let end = Self.headerEnd(block) else {
      throw .malformedRecord(file: "", offset: 0, reason: "HTTP block without a blank line after its headers")
    }
    let lines = Self.lines(block[..<end.fieldsEnd])
    self.init(
      startLine: lines.first ?? "", headers: Self.fields(lines.dropFirst()), body: Array(block[end.bodyStart...]))
  }

  /// Where the field section ends: the index of the terminating CRLF CRLF (or LF LF), and the
  /// index of the first byte after it.
  static func headerEnd(_ bytes: [UInt8]) -> (fieldsEnd: Int, bodyStart: Int)? {
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x0A {
        if i + 1 < bytes.count, bytes[i + 1] == 0x0A { return (i, i + 2) }
        if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { return (i, i + 3) }
      }
      i += 1
    }
    return nil
  }

  /// Splits at LF, dropping a trailing CR from each line.
  static func lines(_ bytes: ArraySlice<UInt8>) -> [String] {
    bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
      String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
    }
  }

  /// `Name: value` lines; the value without surrounding spaces or tabs. A line starting with
  /// white space continues the previous value (obsolete folding).
  static func fields(_ lines: ArraySlice<String>) -> [HTTPHeader] {
    var fields: [HTTPHeader] = []
    for line in lines where !line.isEmpty {
      if line.first == " " || line.first == "\t", !fields.isEmpty {
        fields[fields.count - 1].value += " " + trimmed(line)
        continue
      }
      guard let colon = line.firstIndex(of: ":") else { continue }
      fields.append(HTTPHeader(String(line[..<colon]), trimmed(line[line.index(after: colon)...])))
    }
    return fields
  }
}

/// WARC-Date values: UTC, second precision (`2026-11-29T04:40:12Z`).
enum WARCDate {
  static func format(_ date: Date) -> String {
    var seconds = time_t(floor(date.timeIntervalSince1970))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func pad(_ value: Int32, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
      + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
  }

  /// Parses `YYYY-MM-DDThh:mm:ssZ`, optionally with a fraction (`…:12.345Z`), as WARC 1.1 allows.
  static func parse(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
    func number(_ range: Range<Int>) -> Int32? {
      var value: Int32 = 0
      for i in range {
        guard (0x30...0x39).contains(bytes[i]) else { return nil }
        value = value * 10 + Int32(bytes[i] - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
    else { return nil }
    var parts = tm()
    parts.tm_year = year - 1900
    parts.tm_mon = month - 1
    parts.tm_mday = day
    parts.tm_hour = hour
    parts.tm_min = minute
    parts.tm_sec = second
    var seconds = Double(timegm(&parts))
    if bytes.count > 21, bytes[19] == UInt8(ascii: "."),
      let fraction = Double("0" + String(decoding: bytes[19..<(bytes.count - 1)], as: UTF8.self))
    {
      seconds += fraction
    }
    return Date(timeIntervalSince1970: seconds)
  }
}

/// The instant a WARC record can represent: `date` truncated to whole seconds.
func wholeSeconds(_ date: Date) -> Date { Date(timeIntervalSince1970: floor(date.timeIntervalSince1970)) }

let crlf: [UInt8] = [0x0D, 0x0A]

/// Appends `name: value` CRLF, replacing any CR or LF inside either with a space, so a stray
/// line break in a server's header cannot end the field section early.
func appendField(_ out: inout [UInt8], _ name: String, _ value: String) {
  for byte in name.utf8 { out.append(byte == 0x0D || byte == 0x0A ? 0x20 : byte) }
  out.append(contentsOf: [0x3A, 0x20])
  for byte in value.utf8 { out.append(byte == 0x0D || byte == 0x0A ? 0x20 : byte) }
  out.append(contentsOf: crlf)
}

func trimmed<S: StringProtocol>(_ s: S) -> String {
  var slice = Substring(s)
  while let c = slice.first, c == " " || c == "\t" { slice.removeFirst() }
  while let c = slice.last, c == " " || c == "\t" { slice.removeLast() }
  return String(slice)
}
