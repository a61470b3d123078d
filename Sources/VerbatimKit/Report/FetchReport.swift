import Foundation

/// Renders link health for `verbatim fetch`: text grouped by status (failing links with every
/// note and line that cites them), or the stable JSON contract (`"schema": 1`).
public enum FetchReport {
  public static let schemaVersion = 1

  public static func json(_ outcomes: [SourceOutcome], pretty: Bool = false) -> [UInt8] {
    var w = JSONWriter(pretty: pretty)
    w.beginObject()
    w.field("schema", schemaVersion)
    w.key("sources")
    w.beginArray()
    for o in outcomes {
      w.beginObject()
      w.field("url", o.source.url)
      w.field("key", o.source.key)
      w.field("requested_url", o.requestedURL)
      w.field("final_url", o.finalURL)
      w.field("status", o.health.status.rawValue)
      if let status = o.httpStatus {
        w.field("http_status", status)
      } else {
        w.key("http_status")
        w.null()
      }
      w.key("redirects")
      w.beginArray()
      for hop in o.redirects {
        w.beginObject()
        w.field("url", hop.url)
        w.field("status", hop.status)
        w.field("location", hop.location)
        w.endObject()
      }
      w.endArray()
      w.key("health")
      w.beginObject()
      w.field("healthy", o.health.isHealthy)
      w.field("detail", o.health.detail)
      w.field("redirect_classes", strings: o.health.redirects.map(\.rawValue))
      w.field("from_store", o.fromStore)
      w.field("failing_since", o.failingSince.map(iso))
      w.field("consecutive_failures", o.consecutiveFailures)
      w.endObject()
      w.field("content_type", o.contentType)
      w.field("captured_at", o.capturedAt.map(iso))
      w.field("sha256", o.sha256)
      w.key("cited_by")
      w.beginArray()
      for c in o.source.citedBy {
        w.beginObject()
        w.field("note", c.note)
        w.field("line", c.line)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.key("summary")
    w.beginObject()
    w.field("sources", outcomes.count)
    w.field("healthy", outcomes.filter(\.health.isHealthy).count)
    w.field("failing", outcomes.filter { !$0.health.isHealthy }.count)
    w.key("by_status")
    w.beginObject()
    for status in LinkHealth.Status.allCases {
      let n = outcomes.filter { $0.health.status == status }.count
      if n > 0 {
        w.key(dynamic: status.rawValue)
        w.value(n)
      }
    }
    w.endObject()
    w.endObject()
    w.endObject()
    w.newline()
    return w.bytes
  }

  /// Failing sources first, grouped by status, each with where it is cited; then healthy ones
  /// summarised, then totals.
  public static func text(_ outcomes: [SourceOutcome]) -> String {
    var out = ""
    let failing = outcomes.filter { !$0.health.isHealthy }
    for status in LinkHealth.Status.allCases {
      let group = failing.filter { $0.health.status == status }
      guard !group.isEmpty else { continue }
      out += "\(status.rawValue) (\(group.count))\n"
      for o in group {
        out += "  \(o.source.url)\n    \(o.health.detail)"
        if let since = o.failingSince, o.consecutiveFailures > 1 {
          out += "; failing since \(day(since)), \(o.consecutiveFailures) checks"
        }
        out += "\n"
        for hop in o.redirects { out += "    \(hop.url) --[\(hop.status)]--> \(hop.location)\n" }
        for c in o.source.citedBy { out += "    cited in \(c.note):\(c.line)\n" }
      }
      out += "\n"
    }
    let redirected = outcomes.filter { $0.health.status == .redirected }
    if !redirected.isEmpty {
      out += "redirected (\(redirected.count))\n"
      for o in redirected {
        let classes = o.health.redirects.map(\.rawValue).joined(separator: ", ")
        out += "  \(o.source.url)\n    → \(o.finalURL ?? "?") (\(classes))\n"
      }
      out += "\n"
    }
    let healthy = outcomes.filter(\.health.isHealthy).count
    let reused = outcomes.filter(\.fromStore).count
    out += "\(outcomes.count) sources · \(healthy) healthy · \(failing.count) failing"
    if reused > 0 { out += " · \(reused) from the store" }
    return out + "\n"
  }

  private static func iso(_ date: Date) -> String { JSONWriter.timestamp(date) }

  private static func day(_ date: Date) -> String { String(iso(date).prefix(10)) }
}
