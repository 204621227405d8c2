-- CreateEnum
CREATE TYPE "SignalStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED');

-- CreateTable
CREATE TABLE "Signal" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "signals" TEXT[],
    "language" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "status" "SignalStatus" NOT NULL DEFAULT 'OPEN',
    "contactSealed" TEXT,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,

    CONSTRAINT "Signal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignalMessage" (
    "id" TEXT NOT NULL,
    "signalId" TEXT NOT NULL,
    "staffAuthor" TEXT NOT NULL,
    "bodySealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "SignalMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Signal_reference_key" ON "Signal"("reference");

-- CreateIndex
CREATE INDEX "Signal_pseudonym_createdAt_idx" ON "Signal"("pseudonym", "createdAt");

-- CreateIndex
CREATE INDEX "Signal_status_createdAt_idx" ON "Signal"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SignalMessage_signalId_createdAt_idx" ON "SignalMessage"("signalId", "createdAt");

-- AddForeignKey
ALTER TABLE "SignalMessage" ADD CONSTRAINT "SignalMessage_signalId_fkey" FOREIGN KEY ("signalId") REFERENCES "Signal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
