package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartsTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> withClass(Document svg, String tag, String cssClass) {
        NodeList nodes = svg.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (cssClass.equals(element.getAttribute("class"))) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void barLengthsAreProportionalToValues() throws Exception {
        Document svg = parse(SvgCharts.bars("Throughput", "records/s",
                List.of(new SvgCharts.Bar("storm", 30_000), new SvgCharts.Bar("flink", 60_000))));

        List<Element> bars = withClass(svg, "rect", "bar");

        assertEquals(2, bars.size());
        double storm = Double.parseDouble(bars.get(0).getAttribute("width"));
        double flink = Double.parseDouble(bars.get(1).getAttribute("width"));
        assertEquals(2.0, flink / storm, 0.01);
        assertTrue(texts(svg).containsAll(List.of("Throughput", "storm", "flink", "30,000", "60,000", "records/s")));
    }

    @Test
    void labelsAreEscaped() throws Exception {
        Document svg = parse(SvgCharts.bars("a <b> & \"c\"", "unit", List.of(new SvgCharts.Bar("x<y", 1))));

        assertTrue(texts(svg).containsAll(List.of("a <b> & \"c\"", "x<y")));
    }

    @Test
    void oneLinePerSeriesThroughEachPoint() throws Exception {
        Document svg = parse(SvgCharts.lines("Latency", "s", "ms", List.of(
                new SvgCharts.Series("loop", List.of(new SvgCharts.Point(0, 10), new SvgCharts.Point(1, 20), new SvgCharts.Point(2, 15))),
                new SvgCharts.Series("storm", List.of(new SvgCharts.Point(0, 100), new SvgCharts.Point(2, 50))))));

        List<Element> lines = withClass(svg, "polyline", "series");

        assertEquals(2, lines.size());
        assertEquals(3, lines.get(0).getAttribute("points").split(" ").length);
        assertEquals(2, lines.get(1).getAttribute("points").split(" ").length);
        assertTrue(texts(svg).containsAll(List.of("Latency", "loop", "storm", "s", "ms")));
    }

    @Test
    void higherPointsAreDrawnHigher() throws Exception {
        Document svg = parse(SvgCharts.lines("t", "x", "y", List.of(
                new SvgCharts.Series("a", List.of(new SvgCharts.Point(0, 10), new SvgCharts.Point(1, 90))))));

        String[] points = withClass(svg, "polyline", "series").get(0).getAttribute("points").split(" ");
        double firstY = Double.parseDouble(points[0].split(",")[1]);
        double secondY = Double.parseDouble(points[1].split(",")[1]);
        assertTrue(secondY < firstY, "SVG y grows downwards, so the larger value has the smaller y");
    }

    @Test
    void axesEndOnARoundStepAtOrAboveTheData() {
        assertEquals(new SvgCharts.Axis(2000, 8000), SvgCharts.axis(6040));
        assertEquals(new SvgCharts.Axis(20_000, 100_000), SvgCharts.axis(100_000));
        assertEquals(new SvgCharts.Axis(0.5, 2.5), SvgCharts.axis(2.1));
        assertEquals(new SvgCharts.Axis(1, 1), SvgCharts.axis(0));
    }

    @Test
    void numbersAreWholeFromAHundredUp() {
        assertEquals("3,113", SvgCharts.format(3112.7));
        assertEquals("7.5", SvgCharts.format(7.5));
        assertEquals("12", SvgCharts.format(12));
    }
}
