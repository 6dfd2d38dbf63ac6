"""kill -9 during a burst of generate/delete calls loses nothing that was answered."""

import threading
import requests

from keyward_harness import wait_until


def test_kill_during_burst(server):
    # Checking deleted credentials afterwards fails authentication on purpose: no ban for that.
    server.cli("settings", "set", "--api-ban-threshold", "1000000")
    url = server.api_url
    base = {"identifier": server.identifier, "secret": server.secret, "responsetype": "json"}
    generated: list[dict] = []
    deleted: list[dict] = []
    # A delete in flight at the kill may or may not have committed: its credential may go either way.
    attempted: set[int] = set()
    stop = threading.Event()
    lock = threading.Lock()

    def worker():
        session = requests.Session()
        while not stop.is_set():
            try:
                r = session.post(url, data={**base, "action": "GenerateApiCredential", "adminid": "1",
                                            "roleids": "everything"}, timeout=2)
                body = r.json()
                if body.get("result") != "success":
                    continue
                with lock:
                    generated.append(body)
                if body["id"] % 2 == 0:
                    with lock:
                        attempted.add(body["id"])
                    r = session.post(url, data={**base, "action": "DeleteApiCredential", "id": str(body["id"])}, timeout=2)
                    if r.json().get("result") == "success":
                        with lock:
                            deleted.append(body)
            except (requests.RequestException, ValueError):
                return

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    wait_until(lambda: len(generated) >= 40, timeout=30)
    server.kill9()
    stop.set()
    for t in threads:
        t.join(timeout=5)
    assert generated, "no credential was generated before the kill"
    assert deleted, "no credential was deleted before the kill"

    server.start()
    deleted_ids = {d["id"] for d in deleted}
    for cred in generated:
        r = requests.post(server.api_url,
                          data={"identifier": cred["identifier"], "secret": cred["secret"],
                                "action": "WhmcsDetails", "responsetype": "json"}, timeout=5)
        if cred["id"] in deleted_ids:
            assert r.status_code == 403, f"deleted credential {cred['id']} still authenticates"
        elif cred["id"] not in attempted:
            assert r.status_code == 200, f"generated credential {cred['id']} was lost"
