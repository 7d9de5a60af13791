"""The board in real headless Chromium, on the real broker with a real worker.

A replay of seeds/ through `newsdesk worker` must appear on an open board without a reload;
its figure page must draw the timeline chart (official step line, third-party points); and
feed text full of markup must show as text and run nothing. Screenshots go to test-artifacts/.
Chromium and chromedriver come from Debian (scripts/browser-deps.sh, run by `make test`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from newsdesk.settings import Settings
from newsdesk.utils import json
from tests.support import (
    NEWSDESK,
    ROOT,
    isolated_env,
    producer,
    run_cli,
    running_worker,
    settings_from,
    wait_until,
)

pytestmark = [pytest.mark.e2e]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
SEED_FIGURE = "north-korea:troops:killed"


@dataclass
class Stack:
    env: dict[str, str]
    settings: Settings
    url: str
    tmp: Path


def start_board(env: dict[str, str], log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    log = log_path.open("ab")
    process = subprocess.Popen(
        [NEWSDESK, "web", "--port", "0"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    found: list[str] = []

    def listening() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"newsdesk web exited: {log_path.read_text()}")
        found.extend(re.findall(r"board on (http://\S+/)", log_path.read_text()))
        return bool(found)

    wait_until(listening, 30, "newsdesk web to listen")
    return process, found[0]


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a loopback URL the test built
        return json.loads(response.read())


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A worker and a board on isolated topics, shared by this module's tests."""
    tmp = tmp_path_factory.mktemp("board")
    env = isolated_env(tmp)
    with running_worker(env, tmp / "worker.log") as worker:
        worker.wait_ready()
        board, url = start_board(env, tmp / "web.log")
        try:
            wait_until(lambda: bool(get_json(url + "api/health")["ready"]), 60, "the board to read the topic")
            yield Stack(env, settings_from(env), url, tmp)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(board.pid, signal.SIGTERM)
            assert board.wait(timeout=30) == 0, (tmp / "web.log").read_text()


@contextlib.contextmanager
def chromium(tmp: Path) -> Iterator[WebDriver]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = "Chromium and chromedriver are missing: run scripts/browser-deps.sh"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp / f"chromium-profile-{os.getpid()}-{len(list(tmp.iterdir()))}"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,1300",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(str(CHROMEDRIVER), log_output=str(tmp / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: WebDriver, css: str, timeout: float = 30) -> Any:
    return WebDriverWait(driver, timeout).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, css) or False, message=f"no element matches {css}"
    )


def console_errors(driver: WebDriver) -> list[dict[str, Any]]:
    """Errors the page logged: a CSP violation or a failed request of the board's own would show here."""
    entries: list[dict[str, Any]] = driver.get_log("browser")  # type: ignore[attr-defined]
    return [entry for entry in entries if entry["level"] == "SEVERE"]


def screenshot(driver: WebDriver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def open_live_board(driver: WebDriver, url: str) -> None:
    driver.get(url)
    wait_for(driver, "body[data-stream='live']")
    driver.execute_script("window.__sameDocument = 'not reloaded';")


def test_a_replayed_alert_appears_live_and_its_figure_page_draws_the_chart(stack: Stack) -> None:
    with chromium(stack.tmp) as driver:
        open_live_board(driver, stack.url)
        assert driver.find_elements(By.CSS_SELECTOR, "article.card") == []

        replay = run_cli("replay", str(ROOT / "seeds"), env=stack.env)
        assert replay.returncode == 0, replay.stderr.decode()

        (card,) = wait_for(driver, f"article.card.kind-revised[data-figure='{SEED_FIGURE}']", timeout=120)
        assert driver.execute_script("return window.__sameDocument") == "not reloaded"
        assert card.find_element(By.CSS_SELECTOR, ".party").text == "North Korea"
        assert card.find_element(By.CSS_SELECTOR, ".change").text == "a handful → 100"
        assert card.find_element(By.CSS_SELECTOR, ".evidence mark").text == "100"
        assert "Kim Jong Un" in card.find_element(By.CSS_SELECTOR, ".source").text
        context = card.find_element(By.CSS_SELECTOR, ".context").text
        assert "National Intelligence Service" in context
        assert "6.0x official" in context
        # Newest first: the revision sits above the first figure it revised.
        wait_for(driver, f"article.card.kind-first[data-figure='{SEED_FIGURE}']")
        kinds = [
            c.get_attribute("class") or "" for c in driver.find_elements(By.CSS_SELECTOR, "article.card")
        ]
        assert kinds.index(card.get_attribute("class")) < next(
            i for i, k in enumerate(kinds) if "kind-first" in k
        )
        screenshot(driver, "board-live.png")

        # Filters narrow the list (and keep it live).
        driver.get(stack.url + "?kind=first")
        wait_for(driver, "body[data-stream='live']")
        wait_for(driver, "article.card")
        assert {c.get_attribute("class") for c in driver.find_elements(By.CSS_SELECTOR, "article.card")} == {
            "card kind-first severity-high"
        }

        driver.get(stack.url)
        wait_for(driver, f"article.card.kind-revised[data-figure='{SEED_FIGURE}'] a.figure-link")[0].click()
        (chart,) = wait_for(driver, "#chart svg.timeline")
        step = chart.find_element(By.CSS_SELECTOR, "path.official-step").get_attribute("d")
        assert step is not None
        assert step.startswith("M ")
        assert " V " in step  # a step: across, then up
        assert len(chart.find_elements(By.CSS_SELECTOR, "circle.official-point")) == 2
        assert len(chart.find_elements(By.CSS_SELECTOR, "circle.context-point")) >= 2
        labels = [t.text for t in chart.find_elements(By.CSS_SELECTOR, "text.official-label")]
        assert labels == ["a handful", "100"]
        assert driver.title == "newsdesk · North Korea · troops killed"
        screenshot(driver, "board-figure.png")
        assert console_errors(driver) == []


MARKUP = "<script>window.__xss = 'script'</script><img src=x onerror=\"window.__xss = 'img'\">"


def hostile_alert() -> dict[str, Any]:
    """An alert whose every string is markup (as if a feed or an upstream bug let it through)."""
    from tests.support import sample_alert

    alert = sample_alert(
        0xBAD,
        party=f"Evilland {MARKUP}",
        figure_key="evilland:people:killed",
        summary=f"summary {MARKUP}",
        url="javascript:window.__xss='href'",
    )
    alert["current"].update(
        sentence=f"Officials said 3,089 people were killed {MARKUP}",
        source=f"<b>Ministry</b> {MARKUP}",
        outlet="<i>Outlet</i>",
        url="javascript:window.__xss='href'",
    )
    alert["previous"]["vague_text"] = MARKUP
    alert["previous"]["qualifier"] = "vague"
    alert["context"][0].update(
        source=f"<u>Monitor</u> {MARKUP}", url="data:text/html,<script>alert(1)</script>"
    )
    return alert


async def publish_alert(settings: Settings, alert: dict[str, Any]) -> None:
    async with producer(settings) as client:
        await client.send_and_wait(
            settings.topic_alerts, key=alert["figure_key"].encode(), value=json.dumps(alert)
        )


def assert_inert(driver: WebDriver) -> None:
    assert driver.execute_script("return typeof window.__xss") == "undefined"
    assert driver.find_elements(By.CSS_SELECTOR, "img, b, i, u, iframe, object, embed") == []
    assert len(driver.find_elements(By.CSS_SELECTOR, "script")) == 1  # the page's own module
    assert driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript'], a[href^='data']") == []


def test_markup_in_articles_and_alerts_renders_as_inert_text(stack: Stack) -> None:
    article = {
        "id": "xss-article-1",
        "title": f"Turkey's Interior Ministry says 47 people were killed {MARKUP}",
        "text": f"The Interior Ministry of Turkey said on Monday that 47 people were killed {MARKUP}.",
        "published": "2025-05-01T10:00:00Z",
        "outlet": "<b>Evil Outlet</b>",
        "url": "javascript:window.__xss='url'",
        "feed": "test",
        "fetched_at": "2025-05-01T10:05:00Z",
    }
    articles = stack.tmp / "hostile.jsonl"
    articles.write_bytes(json.dumps_line(article))
    with chromium(stack.tmp) as driver:
        open_live_board(driver, stack.url)
        # Through the real pipeline: the article's title and text become the alert's evidence.
        replay = run_cli("replay", str(articles), env=stack.env)
        assert replay.returncode == 0, replay.stderr.decode()
        (card,) = wait_for(driver, "article.card[data-figure='turkey:people:killed']", timeout=120)
        evidence = card.find_element(By.CSS_SELECTOR, ".evidence").text
        assert "<script>window.__xss = 'script'</script>" in evidence
        assert "<img src=x onerror=\"window.__xss = 'img'\">" in evidence
        assert card.find_element(By.CSS_SELECTOR, ".evidence mark").text == "47"
        assert "<b>Evil Outlet</b>" in card.text

        # Straight onto the alerts topic: markup in every field the board shows.
        asyncio.run(publish_alert(stack.settings, hostile_alert()))
        (card,) = wait_for(driver, "article.card[data-figure='evilland:people:killed']")
        assert card.find_element(By.CSS_SELECTOR, ".party").text == f"Evilland {MARKUP}"
        assert card.find_element(By.CSS_SELECTOR, ".change").text.startswith(MARKUP)
        assert f"<b>Ministry</b> {MARKUP}" in card.text
        assert f"<u>Monitor</u> {MARKUP}" in card.text
        assert driver.execute_script("return window.__sameDocument") == "not reloaded"
        assert_inert(driver)
        screenshot(driver, "board-xss.png")

        card.find_element(By.CSS_SELECTOR, "a.figure-link").click()
        wait_for(driver, "#chart svg.timeline circle.context-point")
        assert MARKUP in driver.find_element(By.ID, "figure-title").text
        assert_inert(driver)
        assert console_errors(driver) == []


def test_a_figure_page_draws_the_figures_history_from_the_figure_table(stack: Stack) -> None:
    """A board that keeps a single alert still draws the seed figure's whole official history.

    The history comes from the worker's figure table (its changelog topic), not from alerts:
    every official point on the chart says so (data-origin), and the values are the ones
    `newsdesk figures` reads from the same table.
    """
    replay = run_cli("replay", str(ROOT / "seeds"), env=stack.env)  # idempotent: same ids, no new alerts
    assert replay.returncode == 0, replay.stderr.decode()
    listed = run_cli("figures", "--json", "--party", "North Korea", "--metric", "killed", env=stack.env)
    assert listed.returncode == 0, listed.stderr.decode()
    (state,) = [f for f in map(json.loads, listed.stdout.splitlines()) if f["key"] == SEED_FIGURE]
    from newsdesk.alerttext import figure_text

    official = [figure_text(item) for item in state["official"] if not item.get("lagging")]
    assert len(official) >= 2
    third_parties = {item["source"] for item in state["third_party"]}

    env = {**stack.env, "NEWSDESK_BOARD_MAX_ALERTS": "1"}
    board, url = start_board(env, stack.tmp / "web-small.log")
    try:

        def caught_up() -> bool:
            health = get_json(url + "api/health")
            return bool(health["ready"] and health["figures"]["ready"])

        wait_until(caught_up, 60, "the small board to read both topics")
        assert get_json(url + "api/health")["alerts"] == 1
        page = get_json(url + f"api/figures/{SEED_FIGURE}")
        assert page["history"] == "figure"
        with chromium(stack.tmp) as driver:
            driver.get(url + f"figures/{SEED_FIGURE}")
            (chart,) = wait_for(driver, "#chart svg.timeline")
            wait_for(driver, "body[data-history='figure']")
            dots = chart.find_elements(By.CSS_SELECTOR, "circle.official-point:not(.lagging)")
            assert [d.get_attribute("data-origin") for d in dots] == ["figure"] * len(official)
            labels = [t.text for t in chart.find_elements(By.CSS_SELECTOR, "text.official-label")]
            assert labels == official
            step = chart.find_element(By.CSS_SELECTOR, "path.official-step").get_attribute("d")
            assert step is not None
            assert " V " in step
            titles = [
                t.get_attribute("textContent") or ""
                for t in chart.find_elements(By.CSS_SELECTOR, "circle.context-point title")
            ]
            assert all(any(source in title for title in titles) for source in third_parties)
            assert driver.title == "newsdesk · North Korea · troops killed"
            screenshot(driver, "board-figure-history.png")
            assert console_errors(driver) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(board.pid, signal.SIGTERM)
        assert board.wait(timeout=30) == 0, (stack.tmp / "web-small.log").read_text()
