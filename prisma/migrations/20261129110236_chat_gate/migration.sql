-- CreateTable
CREATE TABLE "ChatGate" (
    "key" TEXT NOT NULL,
    "holder" TEXT,
    "heldUntil" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ChatGate_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ChatGate_heldUntil_idx" ON "ChatGate"("heldUntil");
