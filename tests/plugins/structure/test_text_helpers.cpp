// Tests for the shared text helpers: Chinese numerals, dates, case numbers, court levels.
#include <gtest/gtest.h>

#include "pingcha/text/case_number.h"
#include "pingcha/text/dates.h"
#include "pingcha/text/numerals.h"

using namespace pingcha::text;

TEST(Numerals, ChineseNumbers) {
    EXPECT_EQ(parse_chinese_number(U"一百零七"), 107);
    EXPECT_EQ(parse_chinese_number(U"三百四十七"), 347);
    EXPECT_EQ(parse_chinese_number(U"十五"), 15);
    EXPECT_EQ(parse_chinese_number(U"二十"), 20);
    EXPECT_EQ(parse_chinese_number(U"一千二百六十"), 1260);
    EXPECT_EQ(parse_chinese_number(U"三万"), 30000);
    EXPECT_FALSE(parse_chinese_number(U"三条").has_value());
    EXPECT_EQ(parse_any_number(U"107"), 107);
    EXPECT_EQ(parse_chinese_year(U"二〇二二"), 2022);
    EXPECT_EQ(parse_chinese_year(U"二O一八"), 2018);
}

TEST(Dates, FindsArabicAndChineseDates) {
    const std::u32string v = U"于2022年5月10日立案，二〇二二年九月五日，2021年2月30日，2020年月5日，2019年";
    const auto d = find_dates(v);
    ASSERT_EQ(d.size(), 5u);
    EXPECT_EQ(d[0].date(), (Date{2022, 5, 10}));
    EXPECT_EQ(d[0].numerals, Numerals::arabic);
    EXPECT_EQ(d[1].date(), (Date{2022, 9, 5}));
    EXPECT_EQ(d[1].numerals, Numerals::chinese);
    EXPECT_FALSE(is_valid(d[2].date()));
    EXPECT_TRUE(d[3].empty_part);
    EXPECT_FALSE(d[4].month.has_value());
    EXPECT_EQ(v.substr(d[1].start, d[1].end - d[1].start), U"二〇二二年九月五日");
}

TEST(Dates, Arithmetic) {
    EXPECT_EQ(add_months({2021, 1, 31}, 1), (Date{2021, 2, 28}));
    EXPECT_EQ(add_months({2022, 3, 1}, 6), (Date{2022, 9, 1}));
    EXPECT_EQ(day_number({2022, 9, 5}) - day_number({2022, 5, 10}), 118);
    EXPECT_EQ(from_day_number(day_number({2024, 2, 29})), (Date{2024, 2, 29}));
    EXPECT_EQ(to_iso({2022, 9, 5}), "2022-09-05");
}

TEST(CaseNumbers, ParsesTheCurrentForm) {
    const std::u32string v = U"（2022）辽05民终1234号";
    const auto c = parse_case_number_at(v, 0);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->year, 2022);
    EXPECT_EQ(c->court_code, "辽05");
    EXPECT_EQ(c->type_code, "民终");
    EXPECT_EQ(c->serial, 1234);
    EXPECT_FALSE(c->wrong_brackets || c->has_spaces || c->old_form || c->leading_zero || c->missing_hao);
    EXPECT_EQ(c->end, v.size());
}

TEST(CaseNumbers, FlagsDefectsAndReadsTheOldForm) {
    const auto a = parse_case_number_at(U"(2022)辽0502 民初01号", 0);
    ASSERT_TRUE(a.has_value());
    EXPECT_TRUE(a->wrong_brackets);
    EXPECT_TRUE(a->has_spaces);
    EXPECT_TRUE(a->leading_zero);
    const auto b = parse_case_number_at(U"（2015）嘉刑初字第1987号", 0);
    ASSERT_TRUE(b.has_value());
    EXPECT_TRUE(b->old_form);
    EXPECT_EQ(b->court_code, "嘉");
    EXPECT_EQ(b->type_code, "刑初");
    const auto c = parse_case_number_at(U"（2016）内0626刑初50号", 0);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->court_code, "内0626");
    EXPECT_FALSE(parse_case_number_at(U"（2017）700号", 0).has_value());
}

// One of several decisions in one case: the sub-number belongs to the case number (national set:
// （2015）民二终字第191-3号, （2020）皖02行终121号之一).
TEST(CaseNumbers, SubNumbersBelongToTheNumber) {
    const std::u32string a = U"（2015）民二终字第191-3号";
    const auto x = parse_case_number_at(a, 0);
    ASSERT_TRUE(x.has_value());
    EXPECT_EQ(x->serial, 191);
    EXPECT_FALSE(x->missing_hao);
    EXPECT_EQ(x->end, a.size());
    const std::u32string b = U"（2020）皖02行终121号之一，";
    const auto y = parse_case_number_at(b, 0);
    ASSERT_TRUE(y.has_value());
    EXPECT_EQ(y->serial, 121);
    EXPECT_EQ(y->end, b.size() - 1);
    // a 之 that starts the next words is not part of it
    const std::u32string c = U"（2020）皖02行终121号之规定";
    EXPECT_EQ(parse_case_number_at(c, 0)->end, c.find(U'之'));
}

TEST(CaseNumbers, CourtLevels) {
    EXPECT_EQ(court_level("辽"), 0);
    EXPECT_EQ(court_level("辽05"), 1);
    EXPECT_EQ(court_level("辽0502"), 2);
    EXPECT_EQ(parent_court_code("辽0502"), "辽05");
    EXPECT_EQ(parent_court_code("辽7102"), "辽71");
    EXPECT_EQ(parent_court_code("辽05"), "辽");
}
