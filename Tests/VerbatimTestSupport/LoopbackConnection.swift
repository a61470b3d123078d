import Foundation
import NIOCore
import NIOHTTP1
import VerbatimKit

/// One client connection: reads each request, asks the server core for the response, and writes
/// it with the response's behaviours (delayed head, dripped body, stall, lying length, early
/// close, raw bytes, a generated gigabyte). Runs entirely on the channel's event loop; `HTTPServerPipelineHandler` (added by
/// `configureHTTPServerPipeline`) holds back pipelined requests until the current response ends.
final class LoopbackConnection: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  /// Request bodies past this size are dropped (the log keeps the first 16 MiB).
  static let maxRequestBody = 16 << 20
  /// Body bytes per write when not dripping.
  static let writeChunk = 64 << 10

  /// How a response ends once its body (or the part of it to send) is written.
  enum Ending {
    /// Send the end of the message; close if the connection is not kept alive.
    case end(keepAlive: Bool)
    /// Close the connection (lying length, close mid-body).
    case close
    /// Send nothing more; wait for the client to close.
    case stall
  }

  /// The body (or raw response) still to send.
  struct Outgoing {
    var buffer: ByteBuffer
    var chunk: Int
    var every: TimeAmount?
    var ending: Ending
    /// Raw bytes are written from the HTTP encoder's context, so they reach the socket unframed.
    var below: ChannelHandlerContext?
    /// The part of a generated body (`LoopbackContent.hugeSlice`) still to make and send.
    var generated: Range<Int> = 0..<0

    var hasMore: Bool { buffer.readableBytes > 0 || !generated.isEmpty }
  }

  private let core: LoopbackServerCore
  private var head: HTTPRequestHead?
  private var body: [UInt8] = []
  private var receivedAt = Date()
  private var outgoing: Outgoing?
  private var lastWrite: EventLoopFuture<Void>?
  private var scheduled: Scheduled<Void>?
  private var stalled = false

  init(core: LoopbackServerCore) { self.core = core }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !stalled else { return }
    switch unwrapInboundIn(data) {
    case .head(let head):
      self.head = head
      body = []
      receivedAt = Date()
    case .body(let buffer):
      if body.count + buffer.readableBytes <= Self.maxRequestBody {
        body.append(contentsOf: buffer.readableBytesView)
      }
    case .end:
      guard let head else { return }
      self.head = nil
      let request = LoopbackRequest(
        method: head.method.rawValue, target: head.uri,
        headers: head.headers.map { HTTPHeader($0.name, $0.value) }, body: body,
        httpVersion: "HTTP/\(head.version.major).\(head.version.minor)", receivedAt: receivedAt)
      body = []
      respond(core.respond(to: request), to: head, context: context)
    }
  }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    if context.channel.isWritable, outgoing?.every == nil { pump(context: context) }
    context.fireChannelWritabilityChanged()
  }

  func channelInactive(context: ChannelHandlerContext) {
    scheduled?.cancel()
    scheduled = nil
    outgoing = nil
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }

  private func respond(_ response: LoopbackResponse, to request: HTTPRequestHead, context: ChannelHandlerContext) {
    if let delay = response.delayHeaders {
      scheduled = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) {
        self.scheduled = nil
        self.send(response, to: request, context: context)
      }
    } else {
      send(response, to: request, context: context)
    }
  }

  private func send(_ response: LoopbackResponse, to request: HTTPRequestHead, context: ChannelHandlerContext) {
    guard context.channel.isActive else { return }
    if let raw = response.raw { return sendRaw(raw, response, context: context) }
    let bodyCount = response.generatedLength ?? response.body.count
    let status = response.status
    let hasNoBody = (100..<200).contains(status) || status == 204 || status == 304
    let bodyless = hasNoBody || request.method == .HEAD
    var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
    if !hasNoBody && !headers.contains(name: "Content-Length")
      && !headers.contains(name: "Transfer-Encoding")
    {
      headers.add(name: "Content-Length", value: String(response.declaredLength ?? bodyCount))
    }
    let keepAlive = request.isKeepAlive
    if !keepAlive && !headers.contains(name: "Connection") {
      headers.add(name: "Connection", value: "close")
    }
    // NIO frames 1xx, 204 and 304 as bodyless only when given its own case for them, which
    // `init(statusCode:)` picks for every known code (with the standard reason).
    let standard = HTTPResponseStatus(statusCode: max(status, 0))
    let head = HTTPResponseHead(
      version: request.version,
      status: response.reason.isEmpty || hasNoBody
        ? standard : .custom(code: UInt(max(status, 0)), reasonPhrase: response.reason),
      headers: headers)
    lastWrite = context.write(wrapOutboundOut(.head(head)))

    var limit = bodyless ? 0 : bodyCount
    let ending: Ending
    if bodyless {
      ending = .end(keepAlive: keepAlive)
    } else if let stallAfter = response.stallAfter {
      limit = min(max(stallAfter, 0), limit)
      ending = .stall
    } else if let closeMidBody = response.closeMidBody {
      limit = min(max(closeMidBody, 0), limit)
      ending = .close
    } else if response.declaredLength != nil {
      ending = .close
    } else {
      ending = .end(keepAlive: keepAlive)
    }
    let generated = response.generatedLength != nil
    let buffer = context.channel.allocator.buffer(bytes: generated ? [] : response.body[..<limit])
    if let drip = response.dripBody {
      outgoing = Outgoing(buffer: buffer, chunk: max(drip.chunk, 1), every: TimeAmount(drip.every), ending: ending)
    } else {
      outgoing = Outgoing(buffer: buffer, chunk: Self.writeChunk, every: nil, ending: ending)
    }
    if generated { outgoing?.generated = 0..<limit }
    pump(context: context)
  }

  /// Writes `raw` (its first `stallAfter` bytes, then waits) below the HTTP encoder, dripped
  /// when the response says so, then closes.
  private func sendRaw(_ raw: [UInt8], _ response: LoopbackResponse, context: ChannelHandlerContext) {
    guard let below = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) else {
      context.close(promise: nil)
      return
    }
    let count = min(max(response.stallAfter ?? raw.count, 0), raw.count)
    let drip = response.dripBody
    outgoing = Outgoing(
      buffer: context.channel.allocator.buffer(bytes: raw[..<count]), chunk: max(drip?.chunk ?? Self.writeChunk, 1),
      every: drip.map { TimeAmount($0.every) }, ending: response.stallAfter == nil ? .close : .stall, below: below)
    pump(context: context)
  }

  /// The next part of the outgoing body, at most `chunk` bytes; nil when all is sent.
  private func nextSlice(_ out: inout Outgoing, context: ChannelHandlerContext) -> ByteBuffer? {
    if out.buffer.readableBytes > 0 { return out.buffer.readSlice(length: min(out.chunk, out.buffer.readableBytes)) }
    guard !out.generated.isEmpty else { return nil }
    let count = min(out.chunk, out.generated.count)
    let slice = context.channel.allocator.buffer(bytes: LoopbackContent.hugeSlice(from: out.generated.lowerBound, count: count))
    out.generated = (out.generated.lowerBound + count)..<out.generated.upperBound
    return slice
  }

  private func write(_ slice: ByteBuffer, _ out: Outgoing, context: ChannelHandlerContext) -> EventLoopFuture<Void> {
    if let below = out.below { return below.write(NIOAny(slice)) }
    return context.write(wrapOutboundOut(.body(.byteBuffer(slice))))
  }

  /// Writes the next part of the outgoing body: one chunk when dripping, else as much as the
  /// channel takes before it stops being writable (`channelWritabilityChanged` resumes).
  private func pump(context: ChannelHandlerContext) {
    guard var out = outgoing else { return }
    let flusher = out.below ?? context
    if let every = out.every {
      if let slice = nextSlice(&out, context: context) {
        lastWrite = write(slice, out, context: context)
        flusher.flush()
      }
      outgoing = out
      if out.hasMore {
        scheduled = context.eventLoop.assumeIsolated().scheduleTask(in: every) {
          self.scheduled = nil
          self.pump(context: context)
        }
        return
      }
    } else {
      while context.channel.isWritable, let slice = nextSlice(&out, context: context) {
        lastWrite = write(slice, out, context: context)
      }
      outgoing = out
      flusher.flush()
      if out.hasMore { return }
    }
    finish(out.ending, context: context)
  }

  private func finish(_ ending: Ending, context: ChannelHandlerContext) {
    outgoing = nil
    switch ending {
    case .end(let keepAlive):
      let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
      if !keepAlive {
        written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
      }
    case .close:
      context.flush()
      let closing = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
      closing.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    case .stall:
      context.flush()
      stalled = true
    }
    lastWrite = nil
  }
}
