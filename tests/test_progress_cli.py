"""msdesk workbook progress-template / msdesk import progress, run as a clerk would."""

from __future__ import annotations

import json

import pytest

from msdesk.cli import main
from tests import _package_fixtures as F
from tests._progress_table_fixtures import fill


@pytest.fixture
def district(tmp_path):
    net = F.build_district(tmp_path / "区")
    net.district.close()  # the CLI opens the file itself
    return net


def test_template_then_import_with_dry_run_json_and_refusal(district, tmp_path, capsys):
    db, i = str(district.district.path), district.indicators
    out = tmp_path / "古饶镇.xlsx"
    assert (
        main(
            ["workbook", "progress-template", "--db", db, "--office", "古饶镇", "--period", "2023Q3", "--out", str(out)]
        )
        == 0
    )
    assert "已生成古饶镇2023年第3季度进展表" in capsys.readouterr().out
    filled = fill(out, tmp_path / "填好.xlsx", {i["培训"]: 800, i["康复"]: 60})

    assert (
        main(
            [
                "import",
                "progress",
                str(filled),
                "--db",
                db,
                "--office",
                "古饶镇",
                "--period",
                "2023Q3",
                "--dry-run",
                "--json",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["changes"] == 2 and not report["written"]
    assert [r["new"] for r in report["rows"] if r["state"] == "matched"] == ["800", "", "60", ""]

    assert main(["import", "progress", str(filled), "--db", db, "--office", "古饶镇", "--period", "2023Q3"]) == 0
    assert "已导入古饶镇2023年第3季度进展表（未签名）" in capsys.readouterr().out
    assert main(["import", "progress", str(filled), "--db", db, "--office", "古饶镇", "--period", "2023Q3"]) == 0
    assert "未做任何修改" in capsys.readouterr().out
    # 报送情况 names the source of each office's figures
    assert main(["rollup", "--db", db, "--period", "2023Q3"]) == 0
    text = capsys.readouterr().out
    assert "古饶镇：逾期报送，首次报送，导入于 " in text and "数据来源：Excel 进展表（未签名）" in text
    assert main(["rollup", "--db", db, "--period", "2023Q3", "--json"]) == 0
    status = {s["office"]: s["source"] for s in json.loads(capsys.readouterr().out)["submissions"]}
    assert status == {"古饶镇": "Excel 进展表（未签名）", "宋疃镇": "", "烈山镇": ""}

    # the Q3 table offered as 宋疃镇's, or as Q2: refused, the cell named, exit 4, no traceback
    assert main(["import", "progress", str(filled), "--db", db, "--office", "宋疃镇", "--period", "2023Q3"]) == 4
    err = capsys.readouterr().err
    assert "A2 单元格写的填报单位是“古饶镇”，不是宋疃镇" in err and "Traceback" not in err
    assert main(["import", "progress", str(filled), "--db", db, "--office", "古饶镇", "--period", "2023Q2"]) == 4
    assert "E2 单元格写的报告期是“2023年第3季度”" in capsys.readouterr().err


def test_lead_unit_template_and_unknown_names(district, tmp_path, capsys):
    db = str(district.district.path)
    out = tmp_path / "商务局.xlsx"
    assert (
        main(
            [
                "workbook",
                "progress-template",
                "--db",
                db,
                "--lead-unit",
                "区商务局",
                "--period",
                "2023Q3",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert "（1 个项目，2 行）" in capsys.readouterr().out
    assert (
        main(
            ["workbook", "progress-template", "--db", db, "--office", "火星镇", "--period", "2023Q3", "--out", str(out)]
        )
        == 4
    )
    assert "“火星镇”不是本单位的下级单位。下级单位有：" in capsys.readouterr().err
    assert (
        main(
            [
                "import",
                "progress",
                str(tmp_path / "无.xlsx"),
                "--db",
                db,
                "--lead-unit",
                "区商务局",
                "--period",
                "2023Q3",
            ]
        )
        == 3
    )
    assert "找不到文件" in capsys.readouterr().err
    junk = tmp_path / "坏.xlsx"
    junk.write_bytes(b"not a workbook")
    assert main(["import", "progress", str(junk), "--db", db, "--lead-unit", "区商务局", "--period", "2023Q3"]) == 3
    assert "不是 .xlsx 工作簿" in capsys.readouterr().err
