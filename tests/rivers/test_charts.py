from datetime import date

from app.rivers.charts import SeriesValue, bar_chart, format_number, line_chart, nice_step


def test_nice_step_uses_one_two_five_steps():
    assert nice_step(1.0) == 0.2
    assert nice_step(0.62) == 0.2
    assert nice_step(37) == 10
    assert nice_step(0) == 1.0


def test_format_number_keeps_four_significant_figures():
    assert format_number(0.000348) == "0.000348"
    assert format_number(24.4) == "24.4"
    assert format_number(4.6799) == "4.68"
    assert format_number(0) == "0"


def test_line_chart_puts_zero_at_the_bottom_and_the_limit_where_it_belongs():
    values = [SeriesValue(date(2025, 1, 1), 0.5, "2025-01"), SeriesValue(date(2025, 2, 1), 1.0, "2025-02")]
    chart = line_chart(values, 0.5, "mg/l")
    assert chart.y_ticks[0].label == "0" and chart.y_ticks[0].position == chart.bottom
    top_tick = float(chart.y_ticks[-1].label)
    assert top_tick >= 1.0
    # The limit (0.5) sits at the height of the first point, which is not over it; the second point is.
    assert chart.limit_y == chart.points[0].y
    assert [point.is_over for point in chart.points] == [False, True]
    assert chart.points[0].x == chart.left and chart.points[1].x == chart.right
    assert chart.points[1].label == "2025-02: 1 mg/l"


def test_line_chart_breaks_the_line_over_a_missing_month():
    values = [
        SeriesValue(date(2025, 1, 1), 1, "2025-01"),
        SeriesValue(date(2025, 2, 1), 1, "2025-02"),
        SeriesValue(date(2025, 4, 1), 1, "2025-04"),
    ]
    path = line_chart(values, None, "mg/l").path
    assert path.count("M") == 2 and path.count("L") == 1


def test_line_chart_with_one_point_centres_it_and_labels_it():
    chart = line_chart([SeriesValue(date(2005, 1, 1), 0.000348, "2005")], None, "mg/l")
    assert chart.points[0].x == (chart.left + chart.right) / 2
    assert [tick.label for tick in chart.x_ticks] == ["2005"]
    assert chart.limit_y is None


def test_bar_chart_marks_bars_over_the_reference_and_draws_it():
    chart = bar_chart([("Ulba", 62.0), ("Uba", 0.5)])
    assert [bar.is_over for bar in chart.bars] == [True, False]
    assert chart.bars[0].width > chart.bars[1].width > 0
    assert chart.left < chart.reference_x < chart.left + chart.bars[0].width
