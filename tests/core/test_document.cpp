// Tests for the document model's helpers: page texts joined with offsets, the view's map back.
#include <gtest/gtest.h>

#include "pingcha/document.h"

using namespace pingcha;

TEST(Document, JoinPageTextsKeepsEachPageSpan) {
    Document doc;
    doc.pages.resize(3);
    doc.pages[0].text = "第一页";
    doc.pages[1].text = "第二页\n";
    doc.pages[2].text = "末页";
    doc.join_page_texts();
    EXPECT_EQ(doc.text, "第一页\n第二页\n末页");
    EXPECT_EQ(doc.pages[0].text_start, 0u);
    EXPECT_EQ(doc.pages[0].text_end, 3u);
    EXPECT_EQ(doc.pages[1].text_start, 4u);  // a break added after a page without one
    EXPECT_EQ(doc.pages[1].text_end, 8u);
    EXPECT_EQ(doc.pages[2].text_start, 8u);  // none added after a page that ends with one
    EXPECT_EQ(doc.pages[2].text_end, 10u);
    doc.join_page_texts();  // joining again gives the same, not a doubled text
    EXPECT_EQ(doc.text, "第一页\n第二页\n末页");
}

TEST(Document, ViewSpansMapBackToText) {
    Document doc;
    doc.text = "民 事";
    doc.reset_view();
    EXPECT_EQ(doc.view, U"民 事");
    doc.view = U"民事";
    doc.view_to_text = {0, 2, 3};
    const Span s = doc.to_text_span(0, 2);
    EXPECT_EQ(s.start, 0u);
    EXPECT_EQ(s.end, 3u);
}
