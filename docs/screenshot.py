"""Screenshot a story page of a store for the README (Chromium through Playwright).

    naba run ../shared/seeds --db /tmp/seeds.db --out /tmp/seeds-out
    python docs/screenshot.py /tmp/seeds.db docs/story-seeds.png

Takes the store's first story (newest and biggest) unless --story ID is given.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("png")
    parser.add_argument("--story", default=None)
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=0, help="keep the top this many pixels (0: the whole page)")
    options = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from naba.store.sqlite import SQLiteStore
    from naba.web import create_app

    with SQLiteStore(options.db) as store:
        story_id = options.story or store.stories(limit=1)[0]["id"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(options.db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": options.width, "height": 900}, locale="ar")
        page.goto(f"http://127.0.0.1:{port}/stories/{story_id}")
        if page.locator("button.cite").count():
            page.locator("button.cite").first.click()  # show a revealed citation
            page.evaluate("window.scrollTo(0, 0)")
        height = page.evaluate("document.documentElement.scrollHeight")
        clip = {"x": 0, "y": 0, "width": options.width, "height": min(options.height or height, height)}
        page.screenshot(path=options.png, full_page=True, clip=clip)
        browser.close()
    server.should_exit = True
    print(f"{options.png}: story {story_id}")


if __name__ == "__main__":
    main()
