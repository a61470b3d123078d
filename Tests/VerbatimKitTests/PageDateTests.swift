import Testing

@testable import VerbatimKit

// MARK: - PageDate

@Suite struct PageDateValueTests {
  @Test func isoAndDayString() {
    let d = PageDate(year: 2021, month: 3, day: 4, hour: 10, minute: 5, second: 0, utcOffsetMinutes: 60)
    #expect(d.iso == "2021-03-04T10:05:00+01:00")
    #expect(d.dayString == "2021-03-04")
    #expect(PageDate(year: 2021, month: 3).iso == "2021-03")
    #expect(PageDate(year: 2021, month: 3).dayString == "2021-03")
    #expect(PageDate(year: 2021).iso == "2021")
    #expect(PageDate(year: 2021).dayString == "2021")
    #expect(
      PageDate(year: 2021, month: 3, day: 4, hour: 10, minute: 5, utcOffsetMinutes: 0).iso == "2021-03-04T10:05:00Z")
    #expect(PageDate(year: 2021, month: 3, day: 4, hour: 10, minute: 5).iso == "2021-03-04T10:05:00")
    #expect(
      PageDate(year: 2021, month: 3, day: 4, hour: 23, minute: 0, utcOffsetMinutes: -210).iso
        == "2021-03-04T23:00:00-03:30")
    #expect(
      PageDate(year: 2021, month: 3, day: 4, hour: 1, minute: 2, second: 3, utcOffsetMinutes: 345).iso
        == "2021-03-04T01:02:03+05:45")
  }

  @Test func ordering() {
    let y = PageDate(year: 2021)
    let ym = PageDate(year: 2021, month: 3)
    let d4 = PageDate(year: 2021, month: 3, day: 4)
    let d4t = PageDate(year: 2021, month: 3, day: 4, hour: 9, minute: 30)
    let d4t2 = PageDate(year: 2021, month: 3, day: 4, hour: 9, minute: 30, second: 1)
    let d5 = PageDate(year: 2021, month: 3, day: 5)
    #expect(y < ym && ym < d4 && d4 < d4t && d4t < d4t2 && d4t2 < d5)
    #expect(!(d5 < d4))
    #expect(PageDate(year: 2020, month: 12, day: 31) < y)
    #expect([d5, y, d4t, ym].sorted() == [y, ym, d4t, d5])
  }

  @Test func validation() {
    #expect(PageDate.ymd(2020, 2, 29, years: 1990...2100) != nil)
    #expect(PageDate.ymd(2021, 2, 29, years: 1990...2100) == nil)
    #expect(PageDate.ymd(2000, 2, 29, years: 1990...2100) != nil)
    #expect(PageDate.ymd(2100, 2, 29, years: 1990...2100) == nil)
    #expect(PageDate.ymd(2021, 4, 31, years: 1990...2100) == nil)
    #expect(PageDate.ymd(2021, 0, 1, years: 1990...2100) == nil)
    #expect(PageDate.ymd(2021, 1, 0, years: 1990...2100) == nil)
  }

  @Test func foldingTables() {
    #expect(DateWords.latin1.count == 64)
    #expect(DateWords.latinExtA.count == 128)
    // ä ü é ł ř š ž ő
    for (scalar, letter) in [
      (0xE4, "a"), (0xFC, "u"), (0xE9, "e"), (0x142, "l"), (0x159, "r"), (0x161, "s"), (0x17E, "z"), (0x151, "o"),
    ] {
      #expect(DateWords.letter(UInt32(scalar)) == letter.utf8.first! - 96)
    }
    #expect(DateWords.letter(0xD7) == 0)  // ×
  }
}

// MARK: - parse (machine formats)

@Suite struct ParseTests {
  static let valid: [(String, String)] = [
    ("2021-03-04", "2021-03-04"),
    ("2021-03-04T10:05:00Z", "2021-03-04T10:05:00Z"),
    ("2021-03-04T10:05:00.123+0100", "2021-03-04T10:05:00+01:00"),
    ("2021-03-04 10:05:00", "2021-03-04T10:05:00"),
    ("2021-03-04T10:05", "2021-03-04T10:05:00"),
    ("20210304", "2021-03-04"),
    ("2021/03/04", "2021-03-04"),
    ("2021-3-4", "2021-03-04"),
    ("2021.03.04", "2021-03-04"),
    ("Thu, 04 Mar 2021 10:05:00 GMT", "2021-03-04T10:05:00Z"),
    ("Thu, 4 Mar 2021 10:05:00 +0100", "2021-03-04T10:05:00+01:00"),
    ("Mon, 19 Sep 2016 22:30:00 EDT", "2016-09-19T22:30:00-04:00"),
    ("2016-09-19T22:30:00-04:00", "2016-09-19T22:30:00-04:00"),
    ("2021-03-04T23:30:00Z", "2021-03-04T23:30:00Z"),
    ("2021-03-04T00:15:00+14:00", "2021-03-04T00:15:00+14:00"),
    ("  2021-03-04\n", "2021-03-04"),
    ("2021", "2021"),
    ("2021-03", "2021-03"),
    ("2021/03", "2021-03"),
    ("2021-03-04T10:05:00+01", "2021-03-04T10:05:00+01:00"),
    ("2021-03-04T10:05:00.123456789Z", "2021-03-04T10:05:00Z"),
    ("2021-03-04T10:05:00,5Z", "2021-03-04T10:05:00Z"),
    ("2021-03-04T10:05:00+05:30", "2021-03-04T10:05:00+05:30"),
    ("2021-03-04t10:05:00z", "2021-03-04T10:05:00Z"),
    ("2021-03-04 10:05:00 UTC", "2021-03-04T10:05:00Z"),
    ("2021-03-04 10:05:00 EST", "2021-03-04T10:05:00-05:00"),
    ("2021-03-04T10:05:00 PDT", "2021-03-04T10:05:00-07:00"),
    ("2021-03-04T10:05:00 CEST", "2021-03-04T10:05:00+02:00"),
    ("2021-03-04 10:05 CET", "2021-03-04T10:05:00+01:00"),
    ("2021-03-04 10:05:00 BST", "2021-03-04T10:05:00+01:00"),
    ("2021-03-04 10:05:00 JST", "2021-03-04T10:05:00+09:00"),
    ("2021-03-04 10:05:00 KST", "2021-03-04T10:05:00+09:00"),
    ("2021-03-04 10:05:00 CST", "2021-03-04T10:05:00-06:00"),
    ("2021-03-04 10:05:00 MDT", "2021-03-04T10:05:00-06:00"),
    ("2021-03-04 10:05:00 ET", "2021-03-04T10:05:00"),
    ("2021-03-04 10:05:00 GMT+02:00", "2021-03-04T10:05:00+02:00"),
    ("2021-03-04T10:05:00+01:00[Europe/Paris]", "2021-03-04T10:05:00+01:00"),
    ("20210304T100500Z", "2021-03-04T10:05:00Z"),
    ("20210304T1005+0100", "2021-03-04T10:05:00+01:00"),
    ("20210304100500", "2021-03-04T10:05:00"),
    ("1614852300", "2021-03-04T10:05:00Z"),
    ("1614852300000", "2021-03-04T10:05:00Z"),
    ("1000000000", "2001-09-09T01:46:40Z"),
    ("4102444799", "2099-12-31T23:59:59Z"),
    ("1851-09-18", "1851-09-18"),
    ("Thu Mar 04 2021 10:05:00 GMT+0100 (Central European Standard Time)", "2021-03-04T10:05:00+01:00"),
    ("March 3, 2021", "2021-03-03"),
    ("3 March 2021", "2021-03-03"),
    ("2021-03-04T25:00:00Z", "2021-03-04"),  // broken time: keep only the (valid) day
    ("2020-02-29", "2020-02-29"),
    ("2021-03-04T10:05:00+2500", "2021-03-04T10:05:00"),  // impossible offset is dropped
  ]

  @Test(arguments: valid)
  func parsesMachineValues(_ input: String, _ expected: String) {
    #expect(DateText.parse(input)?.iso == expected)
  }

  static let invalid: [String] = [
    "", "   ", "not a date", "2021-02-30", "2021-13-01", "2021-00-10", "2021-02-29",
    "0001-01-01T00:00:00", "0000-00-00", "123456789", "99999999999", "9999999999",
    "0000000000", "0", "12345", "3 days ago", "yesterday",
    "v2.1.3", "978-3-16-148410-0",
  ]

  @Test(arguments: invalid)
  func rejects(_ input: String) {
    #expect(DateText.parse(input) == nil)
  }

  @Test func keepsTheDayWrittenInThePageTimeZone() throws {
    let d = try #require(DateText.parse("2016-09-19T22:30:00-04:00"))
    #expect(d.year == 2016 && d.month == 9 && d.day == 19)
    #expect(d.hour == 22 && d.minute == 30 && d.second == 0)
    #expect(d.utcOffsetMinutes == -240)
    #expect(d.dayString == "2016-09-19")
    let z = try #require(DateText.parse("2021-03-04T23:30:00Z"))
    #expect(z.day == 4 && z.utcOffsetMinutes == 0)
    let e = try #require(DateText.parse("2021-03-04T00:30:00+09:00"))
    #expect(e.day == 4 && e.hour == 0 && e.utcOffsetMinutes == 540)
  }

  @Test func fieldsWithoutTime() throws {
    let d = try #require(DateText.parse("2021-03-04"))
    #expect(d.hour == nil && d.minute == nil && d.second == nil && d.utcOffsetMinutes == nil)
    let noOffset = try #require(DateText.parse("2021-03-04T10:05"))
    #expect(noOffset.utcOffsetMinutes == nil && noOffset.second == nil)
    let year = try #require(DateText.parse("2021"))
    #expect(year.month == nil && year.day == nil)
  }
}

// MARK: - parseHuman

@Suite struct ParseHumanTests {
  static let valid: [(String, String)] = [
    ("Published on March 3, 2021 at 5pm", "2021-03-03T17:00:00"),
    ("Updated: 3 March 2021", "2021-03-03"),
    ("Mar. 3, 2021", "2021-03-03"),
    ("Sept 3rd, 2021", "2021-09-03"),
    ("3rd of March 2021", "2021-03-03"),
    ("the 21st of September, 2021", "2021-09-21"),
    ("DECEMBER 3, 2021", "2021-12-03"),
    ("Thursday, March 4, 2021 5:30 PM ET", "2021-03-04T17:30:00"),
    ("March 4, 2021 5:30 p.m. EST", "2021-03-04T17:30:00-05:00"),
    ("March 4, 2021 12:15 am", "2021-03-04T00:15:00"),
    ("Mar 4, 2021, 10:05 AM PST", "2021-03-04T10:05:00-08:00"),
    ("4. Februar 2022", "2022-02-04"),
    ("am 4. Februar 2022 um 10:00 Uhr", "2022-02-04T10:00:00"),
    ("4 März 2021", "2021-03-04"),
    ("4 Maerz 2021", "2021-03-04"),
    ("4. Mrz. 2021", "2021-03-04"),
    ("5. Jänner 2021", "2021-01-05"),
    ("12 février 2021", "2021-02-12"),
    ("12 fevrier 2021", "2021-02-12"),
    ("24 décembre 2020", "2020-12-24"),
    ("24 DÉCEMBRE 2020", "2020-12-24"),
    ("24 de\u{301}cembre 2020", "2020-12-24"),  // decomposed accent
    ("le 1er mars 2021 à 10h30", "2021-03-01T10:30:00"),
    ("15 août 2021", "2021-08-15"),
    ("4 de marzo de 2021", "2021-03-04"),
    ("el 4 de marzo del 2021", "2021-03-04"),
    ("1º de mayo de 2021", "2021-05-01"),
    ("15 agosto 2021", "2021-08-15"),
    ("4 marzo 2021", "2021-03-04"),
    ("3 settembre 2021", "2021-09-03"),
    ("4 de março de 2021", "2021-03-04"),
    ("4 set 2021", "2021-09-04"),
    ("4 maart 2021", "2021-03-04"),
    ("4 mei 2021", "2021-05-04"),
    ("4 lutego 2022", "2022-02-04"),
    ("4 października 2022 r.", "2022-10-04"),
    ("styczeń 2022", "2022-01"),
    ("4. února 2022", "2022-02-04"),
    ("12. prosince 2021", "2021-12-12"),
    ("04.02.2022", "2022-02-04"),
    ("4. 2. 2022", "2022-02-04"),
    ("Posted 04.02.2022, 14:30 Uhr", "2022-02-04T14:30:00"),
    ("4/2/2022", "2022-04-02"),
    ("04/13/2022", "2022-04-13"),
    ("13/2/2022", "2022-02-13"),
    ("4-13-2022", "2022-04-13"),
    ("13-04-2022", "2022-04-13"),
    ("2021年3月4日", "2021-03-04"),
    ("2021年03月04日 10:00", "2021-03-04T10:00:00"),
    ("公開日：2021年3月4日", "2021-03-04"),
    ("２０２１年３月４日", "2021-03-04"),
    ("2021年3月", "2021-03"),
    ("2021.03.04", "2021-03-04"),
    ("2021. 3. 4.", "2021-03-04"),
    ("2021/3/4", "2021-03-04"),
    ("2021년 3월 4일", "2021-03-04"),
    ("Posted 2021-03-04 by Jane", "2021-03-04"),
    ("Updated 2021-03-04T10:05:00Z", "2021-03-04T10:05:00Z"),
    ("Dec 2021", "2021-12"),
    ("December, 2021", "2021-12"),
    ("diciembre de 2021", "2021-12"),
    ("by John, 3 hours ago — March 3, 2021", "2021-03-03"),
    ("© 2019 Example Inc. Published 3 March 2021", "2021-03-03"),
    ("Copyright 2019. 3 March 2021", "2021-03-03"),
    ("First: 3 March 2021, second: 5 April 2021", "2021-03-03"),
    ("Mon, 19 Sep 2016 22:30:00 -0400", "2016-09-19T22:30:00-04:00"),
    ("Posted: Mar 4, 2021 at 10:05 a.m. CET", "2021-03-04T10:05:00+01:00"),
    ("Jan. 3, 2022, 5:00 a.m. ET", "2022-01-03T05:00:00"),
    ("March 4th 2021 12pm", "2021-03-04T12:00:00"),
    ("4th of July, 2021", "2021-07-04"),
    ("7 de julho de 2021 às 10:05", "2021-07-07T10:05:00"),
    ("1 listopada 2021 godz. 10:15", "2021-11-01T10:15:00"),
    ("29. září 2021 v 10:00", "2021-09-29T10:00:00"),
    ("23 oktober 2021 om 14:00", "2021-10-23T14:00:00"),
    ("11 settembre 2021 alle ore 10:30", "2021-09-11T10:30:00"),
    ("vor 3 Tagen, 4.3.2021", "2021-03-04"),
    ("12:30 March 3, 2021", "2021-03-03"),
    ("On 4 Apr 2021 (updated 5 Apr 2021)", "2021-04-04"),
    ("Invalid 2021-02-29 then 2021-03-01", "2021-03-01"),
    ("2021年3月4日(木) 10時5分", "2021-03-04"),
    ("Sun Mar 4 2021", "2021-03-04"),
  ]

  @Test(arguments: valid)
  func parsesHumanText(_ input: String, _ expected: String) {
    #expect(DateText.parseHuman(input)?.iso == expected)
  }

  static let invalid: [String] = [
    "2021",  // year only needs allowYearOnly
    "3 days ago", "yesterday", "Posted yesterday at 5pm", "Updated 2 hours ago",
    "Call 030 2021 3344", "v2.1.3", "version 2.1.2021", "1.04.02.2022", "ISBN 978-3-16-148410-0",
    "ISBN 978-1-2021-0304-5",
    "February 30, 2021", "30.02.2021", "2021-13-01", "13/13/2022", "31 April 2021",
    "March 3, 1850", "3 March 2150", "29 February 2021", "31/04/2021", "04.02.22", "05-04-2022", "March 3", "3 March",
    "Wie haben Sie 2021 gewählt?", "sold out 2021", "Marco 2021",
    "Chapter 12", "Price: 20.21 EUR", "(030) 2021-3344", "2019-20 season", "2021/22", "3/4/21",
    "Il y a 3 jours", "vor 3 Tagen", "hace 2 días", "",
  ]

  @Test(arguments: invalid)
  func rejectsHumanText(_ input: String) {
    #expect(DateText.parseHuman(input) == nil)
  }

  static let yearOnly: [(String, String?)] = [
    ("2021", "2021"),
    ("Annual report (2021)", "2021"),
    ("Spring 2021 issue", "2021"),
    ("Copyright 2019", nil),
    ("© 2019", nil),
    ("(c) 2019 Example", nil),
    ("Copyright © 2005–2021 Example", nil),
    ("Call 030 2021 3344", nil),
    ("v2.1.3", nil),
    ("version 2021", nil),
    ("ISBN 978-1-2021-0304-5", nil),
    ("2019 – 2021", nil),
    ("1850", nil),
    ("2021px", nil),
    ("Page 2021 of 3000", nil),
    ("Tel. +49 2021", nil),
    ("© 2019 Example. Posted Dec 2020", "2020-12"),
  ]

  @Test(arguments: yearOnly)
  func yearOnlyWhenAllowed(_ input: String, _ expected: String?) {
    #expect(DateText.parseHuman(input, allowYearOnly: true)?.iso == expected)
  }

  @Test func neverABareYearAsJanuaryFirst() throws {
    let d = try #require(DateText.parseHuman("Spring 2021", allowYearOnly: true))
    #expect(d.month == nil && d.day == nil)
    let ym = try #require(DateText.parseHuman("Dec 2021"))
    #expect(ym.month == 12 && ym.day == nil && ym.dayString == "2021-12")
  }

  @Test func fullDateIsPreferredOverAnEarlierBareYear() {
    #expect(
      DateText.parseHuman("2021 annual report, published March 3, 2021", allowYearOnly: true)?.iso == "2021-03-03")
  }
}

// MARK: - fromURL

@Suite struct FromURLTests {
  static let cases: [(String, String?)] = [
    ("https://example.com/2016/09/20/", "2016-09-20"),
    ("https://example.com/2016/09/20/some-slug", "2016-09-20"),
    ("https://example.com/news/2016/9/20/some-slug", "2016-09-20"),
    ("https://example.com/news/20160920/", "2016-09-20"),
    ("https://example.com/2016-09-20-some-slug", "2016-09-20"),
    ("https://example.com/blog/some-slug-2016-09-20", "2016-09-20"),
    ("https://example.com/blog/2016_09_20_slug", "2016-09-20"),
    ("https://example.com/2016/09/", "2016-09"),
    ("https://example.com/archive/2016/09", "2016-09"),
    ("https://example.com/news/story-20160920-abc.html", "2016-09-20"),
    ("https://www.theguardian.com/world/2016/sep/20/slug", "2016-09-20"),
    ("https://example.com/2016/Sept/", "2016-09"),
    ("https://example.com/2016/09/20.html", "2016-09-20"),
    ("https://example.com/2016/09/123456/slug", "2016-09"),
    ("/2016/09/20/slug", "2016-09-20"),
    ("//example.com/2016/09/20/slug", "2016-09-20"),
    ("https://example.com/2016/09/20?utm=2017-01-01", "2016-09-20"),
    ("https://example.com/2016/09/20/slug#2017-01-01", "2016-09-20"),
    ("https://example.com/a/b?date=2016-09-20", nil),
    ("https://example.com/a#/2016/09/20/", nil),
    ("https://example.com/16/09/20/", nil),
    ("https://example.com/2016/", nil),
    ("https://example.com/2016/slug", nil),
    ("https://example.com/2016", nil),
    ("https://example.com/1985/09/20/", nil),
    ("https://example.com/2016/02/30/", nil),
    ("https://example.com/2016/13/", nil),
    ("https://example.com/2016/9/", nil),
    ("https://2016.example.com/x", nil),
    ("https://www.example.com:2016/x", nil),
    ("https://example.com/product/12345678", nil),
    ("https://example.com/img/1920/1080/", nil),
    ("https://example.com/p/20161340", nil),
    ("https://example.com/id/120160920", nil),
    ("https://example.com/release-2020.1.1", nil),
    ("", nil),
  ]

  @Test(arguments: cases)
  func datesInURLs(_ url: String, _ expected: String?) {
    #expect(DateText.fromURL(url)?.iso == expected)
  }
}
