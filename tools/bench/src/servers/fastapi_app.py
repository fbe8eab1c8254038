"""The FastAPI reference column: the same five routes, as a FastAPI user writes them.

Run by the harness as:
  /usr/bin/python3 -m uvicorn fastapi_app:app --loop uvloop --http httptools --no-access-log
Everything is `async def` so nothing goes through the thread pool (FastAPI's fastest path).
"""

from typing import List, Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Path
from pydantic import BaseModel, Field

app = FastAPI()

TOKEN = "bench-token"
TENANT = "acme"


class ItemIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=50)
    price: float = Field(..., gt=0)
    tags: List[str] = []


class ItemOut(BaseModel):
    id: int
    name: str
    price: float
    tags: List[str]


class Counter:
    next_id = 1
    open_sessions = 0


@app.get("/hello")
async def hello():
    return {"message": "Hello World"}


@app.get("/items/{item_id}")
async def read_item(item_id: int = Path(..., ge=1), q: Optional[str] = None):
    return {"item_id": item_id, "q": q}


@app.post("/items", response_model=ItemOut, status_code=201)
async def create_item(item: ItemIn):
    item_id = Counter.next_id
    Counter.next_id += 1
    return {
        "id": item_id,
        "name": item.name,
        "price": item.price,
        "tags": item.tags,
        "internal_note": f"cost basis for {item_id}",
    }


async def get_settings():
    return {"tenant": TENANT, "token": TOKEN}


async def current_user(
    authorization: Optional[str] = Header(None), settings: dict = Depends(get_settings)
):
    if authorization != f"Bearer {settings['token']}":
        raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})
    return "alice"


async def get_session(settings: dict = Depends(get_settings)):
    session = {"tenant": settings["tenant"], "state": "active"}
    Counter.open_sessions += 1
    try:
        yield session
    finally:
        session["state"] = "closed"
        Counter.open_sessions -= 1


@app.get("/users/me")
async def me(user: str = Depends(current_user), session: dict = Depends(get_session)):
    return {"username": user, "tenant": session["tenant"], "session": session["state"]}
