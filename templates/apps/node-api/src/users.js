import { ObjectId } from 'mongodb';

const DUPLICATE_KEY = 11000;

export class ValidationError extends Error {}
export class ConflictError extends Error {}

/** Checks a user body; `partial` for updates. Returns the clean fields or throws ValidationError. */
export function validateUser(body, partial = false) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError('body must be a JSON object');
  const user = {};
  for (const field of ['name', 'email']) {
    const value = body[field];
    if (value === undefined && partial) continue;
    if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(`${field} must be a non-empty string`);
    user[field] = value.trim();
  }
  if (user.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(user.email)) throw new ValidationError('email must look like an e-mail address');
  if (partial && Object.keys(user).length === 0) throw new ValidationError('nothing to update: give name and/or email');
  return user;
}

const toJson = (doc) => (doc ? { id: doc._id.toHexString(), name: doc.name, email: doc.email, createdAt: doc.createdAt } : undefined);

const parseId = (id) => (ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? new ObjectId(id) : undefined);

/** Users in one MongoDB collection, through the official driver's Collection API. */
export class UsersRepository {
  /** @param {import('mongodb').Collection} collection */
  constructor(collection) {
    this.collection = collection;
  }

  /** Idempotent: run at start and again until it succeeds (the database may come up later). */
  async ensureIndexes() {
    await this.collection.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
  }

  async list(limit = 100) {
    const docs = await this.collection.find({}).sort({ createdAt: 1 }).limit(limit).toArray();
    return docs.map(toJson);
  }

  async get(id) {
    const _id = parseId(id);
    return _id ? toJson(await this.collection.findOne({ _id })) : undefined;
  }

  async create(fields) {
    const doc = { ...fields, createdAt: new Date().toISOString() };
    const result = await this.collection.insertOne(doc).catch(rethrowDuplicate);
    return toJson({ ...doc, _id: result.insertedId });
  }

  async update(id, fields) {
    const _id = parseId(id);
    if (!_id) return undefined;
    const doc = await this.collection.findOneAndUpdate({ _id }, { $set: fields }, { returnDocument: 'after' }).catch(rethrowDuplicate);
    return toJson(doc);
  }

  async remove(id) {
    const _id = parseId(id);
    if (!_id) return false;
    const result = await this.collection.deleteOne({ _id });
    return result.deletedCount === 1;
  }
}

function rethrowDuplicate(error) {
  if (error && error.code === DUPLICATE_KEY) throw new ConflictError('a user with this email already exists');
  throw error;
}
